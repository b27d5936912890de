"""Template tags for the question figures on plan and organisation pages: they call the one figure
definition (questions.figures), never query themselves."""

from __future__ import annotations

from typing import Any

from django import template

from commitments.models import ActionPlan, Organization
from questions.figures import QUESTION_RULE
from questions.models import Question

register = template.Library()


@register.simple_tag
def plan_question_figures(plan: ActionPlan) -> dict[str, Any]:
    """Questions on the plan's commitments: asked, answered, median days, open past 30 days."""
    return {
        "figures": Question.objects.of_plan(plan).figures(),
        "rule": QUESTION_RULE,
        "api": f"/api/v1/stats/questions/?action_plan={plan.ogp_id}",
    }


@register.simple_tag
def organization_question_figures(organization: Organization) -> dict[str, Any]:
    """Questions on the commitments the organisation leads or co-leads (the ones it answers)."""
    return {
        "figures": Question.objects.led_by(organization).figures(),
        "rule": QUESTION_RULE,
        "api": f"/api/v1/stats/questions/?organization={organization.slug}",
    }
