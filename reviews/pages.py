"""The IRM's part of the public plan and commitment pages (assembled in ogptracker/pages.py): the
published findings on a commitment and the reports of a plan a user may see."""

from __future__ import annotations

from dataclasses import dataclass

from commitments.models import ActionPlan, Commitment

from .models import Assessment, IRMReport
from .scales import ScaleReading, scale_readings


@dataclass(frozen=True)
class PublishedAssessment:
    assessment: Assessment
    report: IRMReport
    readings: list[ScaleReading]


def published_assessments(commitment: Commitment) -> list[PublishedAssessment]:
    """The commitment's published assessments, latest report first, each scale in words. One query."""
    rows = (
        Assessment.objects.published()
        .filter(commitment=commitment)
        .select_related("report__action_plan")
        .latest_first()
    )
    return [PublishedAssessment(a, a.report, scale_readings(a, a.report.methodology)) for a in rows]


def completion_basis(assessments: list[PublishedAssessment]) -> PublishedAssessment | None:
    """The assessment a commitment's IRM completion comes from: the latest published one that rates
    completion (the rule of reviews.services.refresh_irm_summary)."""
    return next((item for item in assessments if item.assessment.completion), None)


def plan_reports(plan: ActionPlan, user) -> list[IRMReport]:
    """The plan's IRM reports this user may see (published ones for everyone). One query."""
    return list(
        IRMReport.objects.visible_to(user)
        .filter(action_plan=plan)
        .select_related("action_plan")
        .order_by("pk")
    )
