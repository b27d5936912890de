"""The questions app's part of the public plan and organisation pages (assembled in
ogptracker/pages.py): the question figures, from the one definition (questions.figures)."""

from __future__ import annotations

from typing import Any

from commitments.models import ActionPlan, Organization

from .figures import QUESTION_RULE
from .models import Question


def plan_question_figures(plan: ActionPlan) -> dict[str, Any]:
    """Questions on the plan's commitments: asked, answered, median days, open past 30 days."""
    return {
        "figures": Question.objects.of_plan(plan).figures(),
        "rule": QUESTION_RULE,
        "api": f"/api/v1/stats/questions/?action_plan={plan.ogp_id}",
    }


def organization_question_figures(organization: Organization) -> dict[str, Any]:
    """Questions on the commitments the organisation leads or co-leads (the ones it answers)."""
    return {
        "figures": Question.objects.led_by(organization).figures(),
        "rule": QUESTION_RULE,
        "api": f"/api/v1/stats/questions/?organization={organization.slug}",
    }
