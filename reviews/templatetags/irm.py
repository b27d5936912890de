"""IRM findings on public pages. A template tag, so the commitments app never imports reviews."""

from __future__ import annotations

from dataclasses import dataclass

from django import template

from reviews.models import Assessment, IRMReport
from reviews.scales import ScaleReading, scale_readings

register = template.Library()


@dataclass(frozen=True)
class PublishedAssessment:
    assessment: Assessment
    report: IRMReport
    readings: list[ScaleReading]


@register.simple_tag
def published_assessments(commitment) -> list[PublishedAssessment]:
    """The commitment's published assessments, latest report first, each scale in words. One query."""
    rows = (
        Assessment.objects.published()
        .filter(commitment=commitment)
        .select_related("report")
        .latest_first()
    )
    return [PublishedAssessment(a, a.report, scale_readings(a, a.report.methodology)) for a in rows]


@register.filter
def completion_basis(assessments: list[PublishedAssessment]) -> PublishedAssessment | None:
    """The assessment a commitment's IRM completion comes from: the latest published one that rates
    completion (the rule of reviews.services.refresh_irm_summary)."""
    return next((item for item in assessments if item.assessment.completion), None)


@register.simple_tag
def plan_reports(plan, user) -> list[IRMReport]:
    """The plan's IRM reports this user may see (published ones for everyone). One query."""
    return list(IRMReport.objects.visible_to(user).filter(action_plan=plan).order_by("pk"))
