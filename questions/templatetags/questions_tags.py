"""Template tags for the question figures on plan and organisation pages: they call the one figure
definition (questions.figures), never query themselves."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.db.models import QuerySet

from commitments.models import ActionPlan, Organization
from questions.figures import QUESTION_RULE
from questions.models import Question

register = template.Library()


def _figures(questions: QuerySet[Question], **api_filter: str) -> dict[str, Any]:
    """The context of questions/_figures.html: the figures, their rule, and the API address that
    gives the same figures (filtered by `api_filter`)."""
    return {
        "figures": questions.figures(),
        "rule": QUESTION_RULE,
        "api": f"/api/v1/stats/questions/?{urlencode(api_filter)}",
    }


@register.simple_tag
def plan_question_figures(plan: ActionPlan) -> dict[str, Any]:
    """Questions on the plan's commitments: asked, answered, median days, open past 30 days."""
    return _figures(Question.objects.of_plan(plan), action_plan=plan.ogp_id)


@register.simple_tag
def organization_question_figures(organization: Organization) -> dict[str, Any]:
    """Questions on the commitments the organisation leads or co-leads (the ones it answers)."""
    return _figures(Question.objects.led_by(organization), organization=organization.slug)
