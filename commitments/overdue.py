"""Daily housekeeping of deadlines: overdue milestones, plans that ended without a final status."""

from __future__ import annotations

import datetime
import logging

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from .models import ActionPlan, Commitment, Milestone

logger = logging.getLogger(__name__)


def ended_without_final_status(day: datetime.date) -> QuerySet[Commitment]:
    """Commitments of plans that ended before `day` with no civil-society status as of the plan's end
    date or later: nobody has reported how they ended. Computed, so it is never stale."""
    return (
        Commitment.objects.filter(
            action_plan__end_date__lt=day,
        )
        .exclude(action_plan__status=ActionPlan.Status.WITHDRAWN)
        .filter(
            Q(self_reported_as_of__isnull=True)
            | Q(self_reported_as_of__lt=F("action_plan__end_date"))
        )
    )


def mark_overdue(*, day: datetime.date) -> dict[str, int]:
    """Two conditional UPDATEs: safe to repeat, and a second run the same day changes nothing."""
    now = timezone.now()
    overdue = Milestone.objects.overdue_on(day)
    marked = overdue.filter(is_overdue=False).update(is_overdue=True, updated_at=now)
    cleared = (
        Milestone.objects.filter(is_overdue=True)
        .exclude(pk__in=overdue.values("pk"))
        .update(is_overdue=False, updated_at=now)
    )
    without_status = ended_without_final_status(day).count()
    logger.info(
        "Overdue on %s: %d milestones marked, %d cleared; %d commitments ended without a status",
        day,
        marked,
        cleared,
        without_status,
    )
    return {"marked": marked, "cleared": cleared, "ended_without_final_status": without_status}
