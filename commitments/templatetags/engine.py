"""Template tags of the background engine: follow buttons, feed links, and a plan's course over time.

{% load engine %}
{% follow_button "plan" plan.ogp_id %}       (also "commitment", "organization" with a slug)
{% plan_course plan %}                        (the chart and table of the plan's snapshots)
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils import timezone

from commitments.figures import course
from commitments.follow_views import TARGETS
from commitments.models import Follow
from commitments.models.snapshots import SnapshotPoint

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


def course_context(points: list[SnapshotPoint]) -> dict[str, Any]:
    """Rows for the table and SVG polylines for the chart of a group's snapshots."""
    rows = []
    for point in points:
        irm, self_reported = point.figures.irm, point.figures.self_reported
        rows.append(
            {
                "day": point.day,
                "total": irm.total,
                "irm_high": irm.high_completion_rate,
                "irm_complete": irm.complete_rate,
                "self_high": self_reported.high_completion_rate,
                "self_complete": self_reported.complete_rate,
            }
        )
    lines: dict[str, list[tuple[str, str]]] = {"irm": [], "self": []}
    if rows:
        first, last = rows[0]["day"], rows[-1]["day"]
        span = max((last - first).days, 1)
        inner_w, inner_h = CHART_WIDTH - 2 * CHART_PAD, CHART_HEIGHT - 2 * CHART_PAD
        for row in rows:
            x = CHART_PAD + inner_w * ((row["day"] - first).days / span if len(rows) > 1 else 0.5)
            for name in ("irm", "self"):
                rate = row[f"{name}_high"]
                value = _rate(rate.numerator, rate.denominator)
                if value is not None:
                    y = CHART_PAD + inner_h * (1 - value / 100)
                    lines[name].append((f"{x:.1f}", f"{y:.1f}"))
    return {
        "rows": rows,
        "irm_points": " ".join(f"{x},{y}" for x, y in lines["irm"]),
        "self_points": " ".join(f"{x},{y}" for x, y in lines["self"]),
        "first_day": rows[0]["day"] if rows else None,
        "last_day": rows[-1]["day"] if rows else None,
        "irm_dots": lines["irm"],
        "self_dots": lines["self"],
        # SVG coordinates as locale-free text: a Spanish page must never write `110,0`.
        **{
            name: f"{value:g}"
            for name, value in {
                "width": CHART_WIDTH,
                "height": CHART_HEIGHT,
                "pad": CHART_PAD,
                "mid": CHART_HEIGHT / 2,
                "bottom": CHART_HEIGHT - CHART_PAD,
                "right": CHART_WIDTH - CHART_PAD,
            }.items()
        },
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
        for day, figures in course(plan.commitments.all(), include_today=running)
        if figures.commitment_count
    ]
    return {"plan": plan, **course_context(points)}
