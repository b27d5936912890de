"""Template tags of the background engine: follow buttons, feed links, and a plan's course over time.

{% load engine %}
{% follow_button "plan" plan.ogp_id %}       (also "commitment", "organization" with a slug)
{% plan_course plan %}                        (the chart and table of the plan's snapshots)
"""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from commitments.figure_values import DEFAULT_IRM_REPORT, IRM_REPORTS
from commitments.figures import completion_figures, course
from commitments.follow_views import TARGETS
from commitments.models import Follow
from commitments.models.snapshots import SnapshotPoint
from commitments.models.vocab import FIGURE_KEYS, NO_DATA, CompletionLevel

register = template.Library()

FEEDS = {
    "commitment": ("commitments:feed_commitment", "ogp_id"),
    "plan": ("commitments:feed_plan", "ogp_id"),
    "organization": ("commitments:feed_organization", "slug"),
}
CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 640, 220, 32


@register.inclusion_tag("follows/button.html", takes_context=True)
def follow_button(context: template.Context, kind: str, key: str) -> dict[str, Any]:
    """A follow/unfollow form for logged-in users (one query), and the Atom feed link for all."""
    request = context.get("request")
    user = context.get("user")
    feed_view, kwarg = FEEDS[kind]
    current = None
    if user is not None and user.is_authenticated:
        _model, field, follow_field, *_rest = TARGETS[kind]
        current = Follow.objects.filter(user=user, **{f"{follow_field}__{field}": key}).first()
    return {
        "kind": kind,
        "key": key,
        "follow": current,
        "user": user,
        "next": request.get_full_path() if request is not None else "",
        "feed_url": reverse(feed_view, kwargs={kwarg: key}),
        "frequencies": Follow.Frequency.choices,
        "csrf_token": context.get("csrf_token"),
    }


def _rate(numerator: int, denominator: int) -> float | None:
    return 100 * numerator / denominator if denominator else None


def report_markers(points: list[SnapshotPoint]) -> list[tuple[datetime.date, str, bool]]:
    """The IRM report publications on a course: (the day each counts from, its kind, known only by
    its year), from the reports the points' IRM figures name (irm_basis); oldest first."""
    found: set[tuple[datetime.date, str, bool]] = set()
    for point in points:
        basis = getattr(point.figures, "irm_basis", None)
        for report in basis.reports if basis else ():
            if report.counts_from is not None:
                found.add((report.counts_from, report.kind, report.published_on is None))
    return sorted(found)


def _x(day: datetime.date, first: datetime.date, span: int, single: bool) -> float:
    inner_w = CHART_WIDTH - 2 * CHART_PAD
    return CHART_PAD + inner_w * (0.5 if single else (day - first).days / span)


def _markers(
    markers: list[tuple[datetime.date, str, bool]], first: datetime.date, span: int, single: bool
) -> list[dict[str, Any]]:
    """Report markers with locale-free x coordinates, and their labels (a report known only by its
    year says so)."""
    return [
        {
            "x": f"{_x(day, first, span, single):.1f}",
            "day": day,
            "kind": kind,
            "label": report_label(kind),
            "year_only": year_only,
            "year": day.year,
        }
        for day, kind, year_only in markers
    ]


def report_label(kind: str) -> str:
    return str(REPORT_KIND_LABELS.get(kind, kind))


REPORT_KIND_LABELS = {
    "design": _("IRM design report"),
    "progress": _("IRM progress report"),
    "end_of_term": _("IRM end-of-term report"),
    "implementation": _("IRM implementation report"),
    "action_plan_review": _("IRM action plan review"),
    "results": _("IRM results report"),
}


def course_context(points: list[SnapshotPoint]) -> dict[str, Any]:
    """Rows for the table and SVG polylines for the chart of a group's snapshots, with the IRM
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
    lines: dict[str, list[tuple[str, str]]] = {"irm": [], "self": [], "gov": []}
    markers: list[dict[str, Any]] = []
    if rows:
        first, last = rows[0]["day"], rows[-1]["day"]
        span, single = max((last - first).days, 1), len(rows) == 1
        inner_h = CHART_HEIGHT - 2 * CHART_PAD
        for row in rows:
            x = _x(row["day"], first, span, single)
            for name in ("irm", "self", "gov"):
                rate = row[f"{name}_high"]
                value = _rate(rate.numerator, rate.denominator)
                if value is not None:
                    y = CHART_PAD + inner_h * (1 - value / 100)
                    lines[name].append((f"{x:.1f}", f"{y:.1f}"))
        markers = _markers(
            [m for m in report_markers(points) if first <= m[0] <= last], first, span, single
        )
    return {
        "rows": rows,
        "markers": markers,
        "irm_points": " ".join(f"{x},{y}" for x, y in lines["irm"]),
        "self_points": " ".join(f"{x},{y}" for x, y in lines["self"]),
        "first_day": rows[0]["day"] if rows else None,
        "last_day": rows[-1]["day"] if rows else None,
        "gov_points": " ".join(f"{x},{y}" for x, y in lines["gov"]),
        "irm_dots": lines["irm"],
        "self_dots": lines["self"],
        "gov_dots": lines["gov"],
        **_frame(),
    }


def _frame() -> dict[str, str]:
    # SVG coordinates as locale-free text: a Spanish page must never write `110,0`.
    return {
        name: f"{value:g}"
        for name, value in {
            "width": CHART_WIDTH,
            "height": CHART_HEIGHT,
            "pad": CHART_PAD,
            "mid": CHART_HEIGHT / 2,
            "bottom": CHART_HEIGHT - CHART_PAD,
            "right": CHART_WIDTH - CHART_PAD,
            "marker_label_y": CHART_PAD - 8,
        }.items()
    }


@register.inclusion_tag("snapshots/plan_course.html")
def plan_course(plan) -> dict[str, Any]:
    """The plan's completion over its own life, from the dated records (commitments.figures.course:
    a point at its start, at each status update and each IRM report, and today)."""
    # The plan's own life: from its start, through its end and the reports after; today only
    # while it runs.
    running = plan.end_date is None or plan.end_date >= timezone.localdate()
    points = [
        SnapshotPoint(day=day, key=plan.ogp_id, label=str(plan), figures=figures)
        for day, figures in course(
            plan.commitments.all(), include_today=running, irm_report=DEFAULT_IRM_REPORT
        )
        if figures.commitment_count
    ]
    return {"plan": plan, **course_context(points)}


@register.inclusion_tag("snapshots/irm_bases.html")
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
                    "counts": [figures.irm.counts[key] for key in FIGURE_KEYS],
                    "reports": [
                        {**vars(report), "label": report_label(report.kind)}
                        for report in figures.irm_basis.reports
                    ],
                }
            )
    labels = {NO_DATA: _("No data"), **dict(CompletionLevel.choices)}
    return {
        "plan": plan,
        "bases": bases if len(bases) == 2 else [],
        "levels": [labels[str(key)] for key in FIGURE_KEYS],
    }


# A commitment's levels drawn as rows, bottom to top in the order of every table: no data, the
# scale, then the two outliers.
LEVEL_ROWS = tuple(str(key) for key in FIGURE_KEYS)


@register.inclusion_tag("snapshots/commitment_course.html")
def commitment_course(commitment) -> dict[str, Any]:
    """One commitment's civil-society and IRM levels over time, by the same as-of definition as the
    plan's course (commitments.figures.course), with the IRM report publications marked."""
    from commitments.models import Commitment

    one = Commitment.objects.filter(pk=commitment.pk)
    points = [
        SnapshotPoint(day=day, key=commitment.ogp_id, label=str(commitment), figures=figures)
        for day, figures in course(one, irm_report=DEFAULT_IRM_REPORT)
        if figures.commitment_count
    ]
    rows, lines = [], {"irm": [], "self": [], "gov": []}
    inner_h = CHART_HEIGHT - 2 * CHART_PAD
    step = inner_h / (len(LEVEL_ROWS) - 1)
    level_y = {level: CHART_PAD + inner_h - n * step for n, level in enumerate(LEVEL_ROWS)}
    labels = {NO_DATA: _("No data"), **dict(CompletionLevel.choices)}
    markers: list[dict[str, Any]] = []
    if points:
        first, last = points[0].day, points[-1].day
        span, single = max((last - first).days, 1), len(points) == 1
        previous: dict[str, str] = {}
        for point in points:
            x = _x(point.day, first, span, single)
            row = {"day": point.day}
            for name, track in (
                ("irm", point.figures.irm),
                ("self", point.figures.civil_society),
                ("gov", point.figures.government),
            ):
                level = next((k for k, n in track.counts.items() if n), NO_DATA)
                level = str(level) if str(level) in level_y else NO_DATA
                row[name] = labels.get(level, level)
                y = level_y[level]
                if name in previous:  # a step: the level holds until the day it changes
                    lines[name].append((f"{x:.1f}", previous[name]))
                lines[name].append((f"{x:.1f}", f"{y:.1f}"))
                previous[name] = f"{y:.1f}"
            rows.append(row)
        markers = _markers(
            [m for m in report_markers(points) if first <= m[0] <= last], first, span, single
        )
    return {
        "commitment": commitment,
        "rows": rows,
        "markers": markers,
        "first_day": points[0].day if points else None,
        "last_day": points[-1].day if points else None,
        "irm_points": " ".join(f"{x},{y}" for x, y in lines["irm"]),
        "self_points": " ".join(f"{x},{y}" for x, y in lines["self"]),
        "gov_points": " ".join(f"{x},{y}" for x, y in lines["gov"]),
        "level_rows": [
            {"label": labels.get(level, level), "y": f"{y:.1f}"} for level, y in level_y.items()
        ],
        **_frame(),
    }


@register.simple_tag
def irm_basis_line(figures) -> str:
    """Which IRM reports a group's IRM counts come from, in words: each report's kind, its
    publication (a year-only one: counted from 31 December) and how many commitments it rates.
    Blank when no report rates any of them."""
    basis = getattr(figures, "irm_basis", None)
    if basis is None or not basis.reports:
        return ""
    parts = []
    for report in basis.reports:
        label = report_label(report.kind)
        if report.published_on:
            part = ngettext(
                "%(report)s, published %(date)s: %(count)s commitment",
                "%(report)s, published %(date)s: %(count)s commitments",
                report.commitment_count,
            ) % {
                "report": label,
                "date": date_format(report.published_on, "DATE_FORMAT"),
                "count": report.commitment_count,
            }
        else:
            part = ngettext(
                "%(report)s, published in %(year)s (counted from 31 December): "
                "%(count)s commitment",
                "%(report)s, published in %(year)s (counted from 31 December): "
                "%(count)s commitments",
                report.commitment_count,
            ) % {
                "report": label,
                "year": report.publication_year,
                "count": report.commitment_count,
            }
        parts.append(part)
    return gettext("IRM counts from: %(reports)s.") % {"reports": "; ".join(parts)}


@register.simple_tag
def irm_basis_short(figures) -> str:
    """`irm_basis_line` for a table cell: each report's kind and year."""
    basis = getattr(figures, "irm_basis", None)
    if basis is None or not basis.reports:
        return ""
    reports = ", ".join(
        f"{report_label(r.kind)} {r.published_on.year if r.published_on else r.publication_year}"
        for r in basis.reports
    )
    return gettext("From: %(reports)s") % {"reports": reports}
