"""Template tag for the plan page's minimum-requirements block (templates/requirements/): it calls
commitments.requirements, never queries itself."""

from __future__ import annotations

from typing import Any

from django import template

from commitments.requirements import RULE, requirements_for_plan

register = template.Library()


@register.simple_tag
def plan_requirements(plan) -> dict[str, Any]:
    """OGP's minimum requirements for the plan: met, not met or unknown, with the facts."""
    return {"result": requirements_for_plan(plan), "rule": RULE}
