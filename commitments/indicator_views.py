"""Indicators on the commitment page: the chart of readings against baseline and target (drawn on the
server as SVG: no script, nothing from a CDN), and the form that records a reading."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .accountability_services import can_record_reading, record_indicator_reading
from .models import Commitment, Indicator, IndicatorReading

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


def indicator_context(commitment: Commitment, user: Any) -> dict[str, Any]:
    """What templates/accountability/commitment_indicators.html needs, in two queries plus the
    permission check."""
    indicators = list(Indicator.objects.filter(commitment=commitment).with_readings())
    rows = []
    for indicator in indicators:
        readings = list(indicator.readings.all())
        rows.append(
            {
                "indicator": indicator,
                "readings": readings,
                "latest": readings[-1] if readings else None,
                "chart": indicator_chart(indicator, readings),
            }
        )
    return {
        "indicators": rows,
        "can_record_reading": bool(indicators) and can_record_reading(user, commitment),
    }


class ReadingForm(forms.Form):
    value = forms.DecimalField(label=gettext_lazy("Value"), max_digits=14, decimal_places=4)
    as_of = forms.DateField(
        label=gettext_lazy("As of"), widget=forms.DateInput(attrs={"type": "date"})
    )
    evidence_url = forms.URLField(
        label=gettext_lazy("Evidence (link)"),
        required=False,
        max_length=1000,
        assume_scheme="https",
    )
    note = forms.CharField(label=gettext_lazy("Note"), required=False, widget=forms.Textarea)
    corrects = forms.ModelChoiceField(
        label=gettext_lazy("Corrects an earlier reading"),
        queryset=IndicatorReading.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["corrects"].queryset = indicator.readings.order_by("-as_of", "-pk")


@login_required
def record_reading(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a reading of an indicator: the lead organisation's editors or a monitoring one."""
    indicator = get_object_or_404(Indicator.objects.for_list(), pk=pk)
    commitment = indicator.commitment
    if not can_record_reading(request.user, commitment):
        raise PermissionDenied(
            _("Only the lead organisation or a monitoring organisation may report readings.")
        )
    form = ReadingForm(request.POST or None, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            record_indicator_reading(
                indicator=indicator,
                author=request.user,
                value=form.cleaned_data["value"],
                as_of=form.cleaned_data["as_of"],
                evidence_url=form.cleaned_data["evidence_url"],
                note=form.cleaned_data["note"],
                corrects=form.cleaned_data["corrects"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("Reading recorded."))
            page = reverse("commitments:commitment", args=[commitment.ogp_id])
            return redirect(f"{page}#indicator-{indicator.pk}")
    return render(
        request,
        "accountability/reading_form.html",
        {
            "form": form,
            "indicator": indicator,
            "commitment": commitment,
            "today": timezone.localdate(),
        },
        status=400 if request.method == "POST" else 200,
    )
