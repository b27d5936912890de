"""Writes of the IRM track that touch several models."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from commitments.models import Commitment

from .models import Assessment, IRMReport


def refresh_irm_summary(commitment_ids: Iterable[int]) -> int:
    """Cache, on each commitment, the completion (and star) of its latest published assessment that
    rates completion. One UPDATE whatever the number of commitments; returns the rows updated."""
    latest = (
        Assessment.objects.published()
        .filter(commitment=OuterRef("pk"))
        .exclude(completion="")
        .latest_first()
    )
    return Commitment.objects.filter(pk__in=list(commitment_ids)).update(
        irm_completion=Coalesce(Subquery(latest.values("completion")[:1]), Value("")),
        irm_starred=Coalesce(Subquery(latest.values("starred")[:1]), Value(False)),
        updated_at=timezone.now(),
    )


def publish_report(
    *, report: IRMReport, user, published_on: datetime.date | None = None
) -> IRMReport:
    """Publish an IRM report: its assessments become public and the commitments' IRM figures move."""
    if not (user.is_authenticated and user.has_perm("reviews.publish_irmreport")):
        raise PermissionDenied(_("Only a plan administrator may publish IRM reports."))
    with transaction.atomic():
        locked = IRMReport.objects.select_for_update().get(pk=report.pk)
        if locked.state == IRMReport.State.PUBLISHED:
            raise ValidationError(_("This report is already published."))
        locked.state = IRMReport.State.PUBLISHED
        locked.published_on = published_on or locked.published_on or timezone.localdate()
        locked.version = F("version") + 1
        locked.save(update_fields=["state", "published_on", "version", "updated_at"])
        locked.refresh_from_db()
        refresh_irm_summary(locked.assessments.values_list("commitment_id", flat=True))
    return locked
