"""{% change_history commitment %}: the public change history block of a commitment page."""

from __future__ import annotations

from typing import Any

from django import template

from commitments.audit import change_history_context
from commitments.models import Commitment

register = template.Library()


@register.inclusion_tag("trust/change_history.html")
def change_history(commitment: Commitment, limit: int = 20) -> dict[str, Any]:
    return change_history_context(commitment, limit=limit)
