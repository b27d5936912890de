"""Template tags for the outcome-check partials (templates/outcomes/): they call the context
builders in commitments.outcome_views, never query themselves."""

from __future__ import annotations

from typing import Any

from django import template

from commitments.outcome_views import outcome_context, plan_outcome_context

register = template.Library()


@register.simple_tag
def commitment_outcomes(commitment, user) -> dict[str, Any]:
    """A commitment's outcome checks, the plan's end, and the form if `user` may record one."""
    return outcome_context(commitment, user)


@register.simple_tag
def plan_outcomes(plan) -> dict[str, Any]:
    """The plan's "did it last?" figure."""
    return plan_outcome_context(plan)
