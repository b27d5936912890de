"""The questions app's part of the public plan and organisation pages (assembled in
ogptracker/pages.py): the question figures, from the one definition (questions.figures)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet

from commitments.models import ActionPlan, Organization

from .figures import QUESTION_RULE
from .models import Question


def _figures(questions: QuerySet[Question], **api_filter: str) -> dict[str, Any]:
    """The context of questions/_figures.html: the figures, their rule, and the API address that
    gives the same figures (filtered by `api_filter`)."""
    return {
        "figures": questions.figures(),
        "rule": QUESTION_RULE,
        "api": f"/api/v1/stats/questions/?{urlencode(api_filter)}",
    }


def plan_question_figures(plan: ActionPlan) -> dict[str, Any]:
    """Questions on the plan's commitments: asked, answered, median days, open past 30 days."""
    return _figures(Question.objects.of_plan(plan), action_plan=plan.ogp_id)


def organization_question_figures(organization: Organization) -> dict[str, Any]:
    """Questions on the commitments the organisation leads or co-leads (the ones it answers)."""
    return _figures(Question.objects.led_by(organization), organization=organization.slug)
