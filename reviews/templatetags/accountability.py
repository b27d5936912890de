"""Template tags for the accountability partials (templates/accountability/).

Here, in `reviews`, because the plan warnings read IRM ratings: a page in `commitments` loads this
library instead of importing `reviews`."""

from __future__ import annotations

from typing import Any

from django import template

from commitments.indicator_views import indicator_context
from reviews.integrity import plan_context

register = template.Library()


@register.simple_tag
def plan_accountability(plan) -> dict[str, Any]:
    """Warnings, proposal summary, proposals, consultation events and process data of a plan."""
    return plan_context(plan)


@register.simple_tag
def commitment_indicators(commitment, user) -> dict[str, Any]:
    """A commitment's indicators with their readings and charts, and whether `user` may report."""
    return indicator_context(commitment, user)
