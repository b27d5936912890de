"""Recompute the dated completion snapshots, and coalesce the requests to do so.

The figures are the one definition in `commitments.figures`: one SQL aggregate per grouping, whatever
the number of groups or commitments, then one bulk upsert per grouping, all in one transaction. Safe to
repeat (the same day's rows are overwritten with the same values), and a run killed half-way rolls back,
leaving the previous snapshot in place for the next run to complete.
"""

from __future__ import annotations

import datetime
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .figures import GroupFigures, completion_by, completion_figures
from .models import Commitment, CompletionSnapshot, SnapshotRun
from .models.snapshots import ALL_KEY, COUNT_FIELDS, SNAPSHOT_GROUPINGS, SNAPSHOT_TRACKS

logger = logging.getLogger(__name__)

# Cache key that says "a recompute is already queued": bursts of updates queue one, not hundreds.
PENDING_KEY = "snapshots:recompute-pending"
UNIQUE_FIELDS = ["day", "grouping", "group_key", "track"]
UPDATE_FIELDS = ["group_label", *COUNT_FIELDS, "total", "computed_at"]


@dataclass(frozen=True)
class RecomputeResult:
    day: datetime.date
    rows: int
    removed: int


def _groups(grouping: str) -> list[GroupFigures]:
    commitments = Commitment.objects.all()
    if grouping == "all":
        return [GroupFigures(ALL_KEY, "All commitments", completion_figures(commitments))]
    return completion_by(commitments, grouping)


def snapshot_rows(
    grouping: str, day: datetime.date, computed_at: datetime.datetime
) -> list[CompletionSnapshot]:
    """One grouping's snapshot rows for `day` (one query)."""
    rows = []
    for group in _groups(grouping):
        for track in SNAPSHOT_TRACKS:
            counts = group.figures.track(track).counts
            rows.append(
                CompletionSnapshot(
                    day=day,
                    grouping=grouping,
                    group_key=group.key[:200],
                    group_label=str(group.label)[:300],
                    track=track,
                    total=sum(counts.values()),
                    computed_at=computed_at,
                    **{str(key): value for key, value in counts.items()},
                )
            )
    return rows


def recompute_snapshots(*, day: datetime.date | None = None) -> RecomputeResult:
    """Write every grouping's figures for `day` (today by default) in one transaction."""
    day = day or timezone.localdate()
    computed_at = timezone.now()
    # Test-only, absent from production settings: a pause between groupings makes a run long
    # enough to be killed half-way by the integration test (tests/worker_settings.py).
    pause = getattr(settings, "SNAPSHOT_RECOMPUTE_PAUSE_MS", 0) / 1000
    written = 0
    with transaction.atomic():
        for grouping in SNAPSHOT_GROUPINGS:
            rows = snapshot_rows(grouping, day, computed_at)
            CompletionSnapshot.objects.bulk_create(
                rows,
                update_conflicts=True,
                unique_fields=UNIQUE_FIELDS,
                update_fields=UPDATE_FIELDS,
            )
            written += len(rows)
            if pause:
                time.sleep(pause)
        # Groups that no longer exist (a plan with no commitments left) drop out of today's snapshot.
        removed, _ = CompletionSnapshot.objects.filter(
            day=day, computed_at__lt=computed_at
        ).delete()
        SnapshotRun.objects.bulk_create(
            [SnapshotRun(day=day, computed_at=computed_at, row_count=written)],
            update_conflicts=True,
            unique_fields=["day"],
            update_fields=["computed_at", "row_count"],
        )
    logger.info("Completion snapshot for %s: %d rows, %d removed", day, written, removed)
    return RecomputeResult(day=day, rows=written, removed=removed)


def request_recompute() -> bool:
    """Queue a recompute unless one is already queued; call it on commit. Returns True if queued.

    The flag lives as long as the countdown: every change committed before the queued task runs is
    included in it, and a change after that queues the next one. The task clears the flag when it
    starts, so with a shared cache a change during a long run queues a follow-up run at once.
    """
    from .tasks import recompute_completion_snapshots

    delay = settings.SNAPSHOT_COALESCE_SECONDS
    # False: one is queued. None: the cache is down (errors are ignored); queue rather than miss one.
    if cache.add(PENDING_KEY, 1, timeout=max(delay, 1)) is False:
        return False
    recompute_completion_snapshots.apply_async(countdown=delay)
    return True


def clear_recompute_request() -> None:
    cache.delete(PENDING_KEY)
