"""A plan's and a commitment's course over time: the three tracks' lines, the IRM reports'
markers."""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, replace
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy

from ..figures.counting import completion_figures, course
from ..figures.values import DEFAULT_IRM_REPORT, IRM_REPORTS, CompletionFigures
from ..models import Commitment
from ..models.vocab import FIGURE_KEYS, NO_DATA, level_label

CHART_WIDTH = 640


# A group's or a commitment's course over time.


@dataclass(frozen=True)
class CoursePoint:
    """A group's figures on one day of its course (commitments.figures.counting.course)."""

    day: datetime.date
    figures: CompletionFigures


def _rate(numerator: int, denominator: int) -> float | None:
    return 100 * numerator / denominator if denominator else None


def report_markers(points: list[CoursePoint]) -> list[tuple[datetime.date, str, bool]]:
    """The IRM report publications on a course: (the day each counts from, its kind, known only by
    its year), from the reports the points' IRM figures name (irm_basis); oldest first."""
    found: set[tuple[datetime.date, str, bool]] = set()
    for point in points:
        basis = getattr(point.figures, "irm_basis", None)
        for report in basis.reports if basis else ():
            if report.counts_from is not None:
                found.add((report.counts_from, report.kind, report.published_on is None))
    return sorted(found)


@dataclass(frozen=True)
class CourseFrame:
    """Where a course chart draws, in SVG user units: the level or percentage labels in a gutter on
    the left, off the plotted lines; the report labels in a band above the plot, on two rows so
    neighbouring reports never print over each other; the first and last days below. Phones
    enlarge the text by CSS (static/css/app.css), so each band is sized for the phone's text."""

    height: int
    left: int
    top: int = 60
    bottom_pad: int = 40
    right_pad: int = 16
    width: int = CHART_WIDTH
    label_x: int = 4  # where the gutter's labels start

    @property
    def right(self) -> int:
        return self.width - self.right_pad

    @property
    def bottom(self) -> int:
        return self.height - self.bottom_pad

    def x(self, day: datetime.date, first: datetime.date, span: int, single: bool) -> float:
        inner_w = self.right - self.left
        return self.left + inner_w * (0.5 if single else (day - first).days / span)

    def context(self) -> dict[str, str]:
        # SVG coordinates as locale-free text: a Spanish page must never write `110,0`.
        return {
            name: f"{value:g}"
            for name, value in {
                "width": self.width,
                "height": self.height,
                "left": self.left,
                "top": self.top,
                "mid": (self.top + self.bottom) / 2,
                "bottom": self.bottom,
                "right": self.right,
                "date_y": self.height - 8,
                "label_x": self.label_x,
            }.items()
        }


# The plan's chart: 100%, 50% and 0% in a narrow gutter. A commitment's: its eight levels, one
# row apart each wide enough for a phone's text, named in a gutter as wide as the longest level.
PLAN_FRAME = CourseFrame(height=240, left=56)
COMMITMENT_FRAME = CourseFrame(height=320, left=176)

# A level's name on a phone (19px, static/css/app.css) takes up to about this many user units a
# character: Chromium's DejaVu Sans measured 9.5-10 ("Sin evidencia disponible", 229 units), so
# the gutter leaves a little more, and a space before the plotted lines.
_LEVEL_CHAR_WIDTH = 10.5
_LEVEL_GAP = 8


def commitment_frame() -> CourseFrame:
    """The commitment chart's frame, its gutter as wide as the longest level name in the page's
    language at a phone's text size ("Sin evidencia disponible" ran into the plot at 390px). The
    first day is written in the gutter too, ending where the plot starts
    (templates/charts/commitment_course.html), so the two days never meet below a narrower plot."""
    longest = max(len(level_label(key)) for key in FIGURE_KEYS)
    gutter = math.ceil(COMMITMENT_FRAME.label_x + longest * _LEVEL_CHAR_WIDTH + _LEVEL_GAP)
    return replace(COMMITMENT_FRAME, left=max(COMMITMENT_FRAME.left, gutter))


# The report labels' rows above the plot, in user units above its top line.
_MARKER_ROWS = (10, 34)


def _markers(
    markers: list[tuple[datetime.date, str, bool]],
    first: datetime.date,
    span: int,
    single: bool,
    frame: CourseFrame,
) -> list[dict[str, Any]]:
    """Report markers with locale-free x coordinates, and their labels (a report known only by its
    year says so). Labels take turns on two rows, and one near an edge is written away from it, so
    none runs off the chart or over its neighbour."""
    inner_w = frame.right - frame.left
    placed = []
    for n, (day, kind, year_only) in enumerate(markers):
        x = frame.x(day, first, span, single)
        if x < frame.left + inner_w / 3:
            anchor = "start"
        elif x > frame.right - inner_w / 3:
            anchor = "end"
        else:
            anchor = "middle"
        placed.append(
            {
                "x": f"{x:.1f}",
                "label_y": f"{frame.top - _MARKER_ROWS[n % len(_MARKER_ROWS)]:g}",
                "anchor": anchor,
                "day": day,
                "kind": kind,
                "label": report_label(kind),
                "year_only": year_only,
                "year": day.year,
            }
        )
    return placed


# The three tracks' lines on a course chart, by the name the templates give them.
TRACK_LINES = ("irm", "self", "gov")


def _axis(points: list[CoursePoint]) -> tuple[datetime.date, int, bool]:
    """What `CourseFrame.x` places a course's days by: its first day, its length in days (at least
    one) and whether it has a single point (drawn in the middle)."""
    first, last = points[0].day, points[-1].day
    return first, max((last - first).days, 1), len(points) == 1


def _course_drawing(
    points: list[CoursePoint], lines: dict[str, list[tuple[str, str]]], frame: CourseFrame
) -> dict[str, Any]:
    """What every course chart draws besides its own rows: each track's line as SVG points, the IRM
    reports published within the course, its first and last days, and the frame."""
    markers: list[dict[str, Any]] = []
    if points:
        first, last = points[0].day, points[-1].day
        within = [m for m in report_markers(points) if first <= m[0] <= last]
        markers = _markers(within, *_axis(points), frame)
    return {
        "markers": markers,
        "first_day": points[0].day if points else None,
        "last_day": points[-1].day if points else None,
        **{f"{name}_points": " ".join(f"{x},{y}" for x, y in lines[name]) for name in TRACK_LINES},
        **frame.context(),
    }


def report_label(kind: str) -> str:
    return str(REPORT_KIND_LABELS.get(kind, kind))


REPORT_KIND_LABELS = {
    "design": gettext_lazy("IRM design report"),
    "progress": gettext_lazy("IRM progress report"),
    "end_of_term": gettext_lazy("IRM end-of-term report"),
    "implementation": gettext_lazy("IRM implementation report"),
    "action_plan_review": gettext_lazy("IRM action plan review"),
    "results": gettext_lazy("IRM results report"),
}


def course_context(points: list[CoursePoint]) -> dict[str, Any]:
    """Rows for the table and SVG polylines for the chart of a group's course, with the IRM
    report publications marked."""
    rows = []
    for point in points:
        irm, civil, government = (
            point.figures.irm,
            point.figures.civil_society,
            point.figures.government,
        )
        rows.append(
            {
                "day": point.day,
                "total": irm.total,
                "irm_high": irm.high_completion_rate,
                "irm_complete": irm.complete_rate,
                "self_high": civil.high_completion_rate,
                "self_complete": civil.complete_rate,
                "gov_high": government.high_completion_rate,
                "gov_complete": government.complete_rate,
            }
        )
    lines: dict[str, list[tuple[str, str]]] = {name: [] for name in TRACK_LINES}
    frame = PLAN_FRAME
    if points:
        axis = _axis(points)
        inner_h = frame.bottom - frame.top
        for row in rows:
            x = frame.x(row["day"], *axis)
            for name in TRACK_LINES:
                rate = row[f"{name}_high"]
                value = _rate(rate.numerator, rate.denominator)
                if value is not None:
                    y = frame.top + inner_h * (1 - value / 100)
                    lines[name].append((f"{x:.1f}", f"{y:.1f}"))
    return {
        "rows": rows,
        "irm_dots": lines["irm"],
        "self_dots": lines["self"],
        "gov_dots": lines["gov"],
        **_course_drawing(points, lines, frame),
    }


def plan_course(plan) -> dict[str, Any]:
    """The plan's completion over its own life, from the dated records (commitments.figures.counting.course:
    a point at its start, at each status update and each IRM report, and today)."""
    # The plan's own life: from its start, through its end and the reports after; today only
    # while it runs.
    running = plan.end_date is None or plan.end_date >= timezone.localdate()
    points = [
        CoursePoint(day=day, figures=figures)
        for day, figures in course(
            plan.commitments.all(), include_today=running, irm_report=DEFAULT_IRM_REPORT
        )
        if figures.commitment_count
    ]
    return {"plan": plan, **course_context(points)}


def plan_irm_bases(plan) -> dict[str, Any]:
    """The plan's IRM counts on each basis (progress report, end-of-term report), side by side
    when both exist (two queries)."""
    bases = []
    for basis in ("progress", "end_of_term"):
        figures = completion_figures(plan.commitments.all(), irm_report=basis)
        if figures.irm_basis and figures.irm_basis.reports:
            bases.append(
                {
                    "basis": basis,
                    "label": IRM_REPORTS[basis],
                    "figures": figures.irm,
                    # (level, count): each count names its level, as a phone shows it (a card).
                    "counts": [(level_label(key), figures.irm.counts[key]) for key in FIGURE_KEYS],
                    "reports": [
                        {
                            **vars(report),
                            "counts_from": report.counts_from,
                            "label": report_label(report.kind),
                        }
                        for report in figures.irm_basis.reports
                    ],
                }
            )
    return {
        "plan": plan,
        "bases": bases if len(bases) == 2 else [],
        "levels": [level_label(key) for key in FIGURE_KEYS],
    }


# A commitment's levels drawn as rows, bottom to top in the order of every table: no data, the
# scale, then the two outliers.
LEVEL_ROWS = tuple(str(key) for key in FIGURE_KEYS)


def commitment_course(commitment) -> dict[str, Any]:
    """One commitment's civil-society and IRM levels over time, by the same as-of definition as the
    plan's course (commitments.figures.counting.course), with the IRM report publications marked."""
    one = Commitment.objects.filter(pk=commitment.pk)
    points = [
        CoursePoint(day=day, figures=figures)
        for day, figures in course(one, irm_report=DEFAULT_IRM_REPORT)
        if figures.commitment_count
    ]
    rows, lines = [], {name: [] for name in TRACK_LINES}
    frame = commitment_frame()
    step = (frame.bottom - frame.top) / (len(LEVEL_ROWS) - 1)
    level_y = {level: frame.bottom - n * step for n, level in enumerate(LEVEL_ROWS)}
    if points:
        axis = _axis(points)
        previous: dict[str, str] = {}
        for point in points:
            x = frame.x(point.day, *axis)
            row = {"day": point.day}
            for name, track in (
                ("irm", point.figures.irm),
                ("self", point.figures.civil_society),
                ("gov", point.figures.government),
            ):
                level = next((k for k, n in track.counts.items() if n), NO_DATA)
                level = str(level) if str(level) in level_y else NO_DATA
                row[name] = level_label(level)
                y = level_y[level]
                if name in previous:  # a step: the level holds until the day it changes
                    lines[name].append((f"{x:.1f}", previous[name]))
                lines[name].append((f"{x:.1f}", f"{y:.1f}"))
                previous[name] = f"{y:.1f}"
            rows.append(row)
    return {
        "commitment": commitment,
        "rows": rows,
        "level_rows": [
            {"label": level_label(level), "y": f"{y:.1f}"} for level, y in level_y.items()
        ],
        **_course_drawing(points, lines, frame),
    }


# An indicator's readings against its baseline and target.
