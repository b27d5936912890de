"""Daily housekeeping of deadlines: overdue milestones, plans that ended without a final status."""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone

from .models import Commitment, Milestone

logger = logging.getLogger(__name__)


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
    without_status = Commitment.objects.ended_without_final_status(day).count()
    logger.info(
        "Overdue on %s: %d milestones marked, %d cleared; %d commitments ended without a status",
        day,
        marked,
        cleared,
        without_status,
    )
    return {"marked": marked, "cleared": cleared, "ended_without_final_status": without_status}
