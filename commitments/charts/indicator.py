"""An indicator's readings over time, with its baseline and target."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from ..models import Indicator, IndicatorReading

WIDTH, HEIGHT = 560, 220
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 36


def _coord(number: float) -> str:
    # A string, so the template never localises it ("303,3" would break the SVG in Spanish).
    return f"{number:.1f}"


@dataclass(frozen=True)
class Point:
    x: str
    y: str
    value: Decimal
    date: datetime.date
    # Top-left corner of a 10x10 square centred on the point (the target marker).
    square_x: str = ""
    square_y: str = ""


@dataclass(frozen=True)
class Chart:
    width: str
    height: str
    plot_left: str
    plot_right: str
    plot_top: str
    plot_bottom: str
    tick_label_x: str
    date_label_y: str
    readings: list[Point]
    polyline: str
    baseline: Point | None
    target: Point | None
    y_ticks: list[tuple[str, Decimal]]
    first_date: datetime.date
    last_date: datetime.date


def indicator_chart(indicator: Indicator, readings: list[IndicatorReading]) -> Chart | None:
    """Positions for an SVG chart of the readings, with the baseline and target as markers and the
    planned path between them. None when there is nothing to place on a time axis."""
    dated: list[tuple[datetime.date, Decimal]] = [(r.as_of, r.value) for r in readings]
    baseline = (
        (indicator.baseline_date, indicator.baseline_value)
        if indicator.baseline_value is not None and indicator.baseline_date
        else None
    )
    target = (
        (indicator.target_date, indicator.target_value)
        if indicator.target_value is not None and indicator.target_date
        else None
    )
    everything = dated + [p for p in (baseline, target) if p is not None]
    if not everything:
        return None
    first = min(d for d, _ in everything)
    last = max(d for d, _ in everything)
    span = max((last - first).days, 1)
    low = min(Decimal(0), *(v for _, v in everything))
    high = max(v for _, v in everything)
    if high == low:
        high = low + 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def place(day: datetime.date, value: Decimal) -> Point:
        x = LEFT + (day - first).days / span * plot_w
        y = TOP + plot_h - float((value - low) / (high - low)) * plot_h
        return Point(_coord(x), _coord(y), value, day, _coord(x - 5), _coord(y - 5))

    points = [place(d, v) for d, v in dated]
    middle = (low + high) / 2
    return Chart(
        width=str(WIDTH),
        height=str(HEIGHT),
        plot_left=str(LEFT),
        plot_right=str(WIDTH - RIGHT),
        plot_top=str(TOP),
        plot_bottom=str(HEIGHT - BOTTOM),
        tick_label_x=str(LEFT - 6),
        date_label_y=str(HEIGHT - 12),
        readings=points,
        polyline=" ".join(f"{p.x},{p.y}" for p in points),
        baseline=place(*baseline) if baseline else None,
        target=place(*target) if target else None,
        y_ticks=[(place(first, v).y, v) for v in (low, middle, high)],
        first_date=first,
        last_date=last,
    )
