"""The chart blocks of the plan and commitment pages: each draws what commitments.charts computed
for the page's view (ogptracker/pages.py); none of them queries."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("charts/plan_course.html")
def plan_course(chart: dict[str, Any]) -> dict[str, Any]:
    """The plan's completion over its own life (commitments.charts.course.plan_course)."""
    return chart


@register.inclusion_tag("charts/irm_bases.html")
def irm_bases(bases: dict[str, Any]) -> dict[str, Any]:
    """The plan's IRM counts on each basis side by side (commitments.charts.course.plan_irm_bases)."""
    return bases


@register.inclusion_tag("charts/commitment_course.html")
def commitment_course(chart: dict[str, Any]) -> dict[str, Any]:
    """One commitment's levels over time (commitments.charts.course.commitment_course)."""
    return chart
