"""Recompute the dated completion snapshots, and coalesce the requests to do so.

The figures are the one definition in `commitments.figures.counting`: one SQL aggregate per grouping, whatever
the number of groups or commitments, then one bulk upsert per grouping, all in one transaction. Safe to
repeat (the same day's rows are overwritten with the same values), and a run killed half-way rolls back,
leaving the previous snapshot in place for the next run to complete.
"""

from __future__ import annotations

import datetime
import io
import logging
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from ..models import Commitment, CompletionSnapshot, SnapshotRun
from ..models.snapshots import ALL_KEY, COUNT_FIELDS, SNAPSHOT_GROUPINGS, SNAPSHOT_TRACKS
from ..models.vocab import NO_DATA
from .counting import completion_by, completion_figures
from .values import GroupFigures

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
    """Write every grouping's figures for `day` (today by default) in one transaction: today's (or
    a later day's) from the levels cached on each commitment, a past day's from the dated records
    by the as-of definition (`rebuild_snapshots` for that one day)."""
    today = timezone.localdate()
    day = day or today
    if day < today:
        rebuilt = rebuild_snapshots(since=day, until=day)
        return RecomputeResult(day=day, rows=rebuilt.rows, removed=rebuilt.removed)
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
    from ..tasks import recompute_completion_snapshots

    delay = settings.SNAPSHOT_COALESCE_SECONDS
    # False: one is queued. None: the cache is down (errors are ignored); queue rather than miss one.
    if cache.add(PENDING_KEY, 1, timeout=max(delay, 1)) is False:
        return False
    recompute_completion_snapshots.apply_async(countdown=delay)
    return True


def clear_recompute_request() -> None:
    cache.delete(PENDING_KEY)


# --- The history: the snapshot cache rebuilt for a range of days from the dated records -----------


@dataclass(frozen=True)
class RebuildResult:
    since: datetime.date
    until: datetime.date
    days: int
    rows: int
    removed: int


def _rebuild_events(until: datetime.date) -> tuple[dict, dict, dict, dict]:
    """Everything the rebuild reads, in a fixed number of queries: each commitment's groups and the
    day it starts counting (`figures.started_by`), and the dated events that change a level,
    ordered as the one definition orders them (`figures.levels_from_records`): status updates by
    as-of date, recorded time and id; IRM ratings by the IRM app's latest-report ordering reversed
    (a report known only by its year counts from 31 December)."""
    from ..models import StatusUpdate
    from ..models.vocab import OGP_VALUE_FIELDS
    from . import as_of as figures

    groups: dict[Any, list[tuple[str, str]]] = {}
    labels: dict[tuple[str, str], str] = {("all", ALL_KEY): "All commitments"}
    for value in OGP_VALUE_FIELDS:
        labels[("ogp_value", str(value))] = str(value.label)
    starts: dict[Any, datetime.date] = {}
    flags = list(OGP_VALUE_FIELDS.values())
    for (
        pk,
        start,
        submission_year,
        member,
        member_name,
        plan,
        plan_title,
        org,
        org_name,
        *values,
    ) in Commitment.objects.order_by("pk").values_list(
        "pk",
        "action_plan__start_date",
        "action_plan__submission_year",
        "action_plan__member__code",
        "action_plan__member__name",
        "action_plan__ogp_id",
        "action_plan__title",
        "lead_organization__slug",
        "lead_organization__name",
        *flags,
    ):
        starts[pk] = start or (
            datetime.date(submission_year, 1, 1) if submission_year else datetime.date.min
        )
        mine = [("all", ALL_KEY), ("member", member), ("action_plan", plan)]
        labels[("member", member)] = member_name or member
        labels[("action_plan", plan)] = plan_title or plan
        if org:
            mine.append(("organization", org))
            labels[("organization", org)] = org_name or org
        mine += [
            ("ogp_value", str(v)) for v, on in zip(OGP_VALUE_FIELDS, values, strict=True) if on
        ]
        groups[pk] = mine
    through = Commitment.policy_areas.through.objects.values_list(
        "commitment_id", "policyarea__slug", "policyarea__name"
    )
    for pk, slug, name in through:
        if pk in groups:
            groups[pk].append(("policy_area", slug))
            labels[("policy_area", slug)] = name or slug

    events: dict[datetime.date, list[tuple[str, Any, str]]] = defaultdict(list)
    updates = (
        StatusUpdate.objects.filter(as_of__lte=until)
        .order_by("as_of", "recorded_at", "pk")
        .values_list("as_of", "commitment_id", "completion", "voice")
    )
    # A status update's voice is its track's name (civil_society, government).
    for as_of, pk, level, voice in updates.iterator(chunk_size=10000):
        events[as_of].append((voice, pk, level))
    if figures._irm_latest is not None:
        ratings, ordering = figures._irm_latest(None, "latest", None)
        oldest_first = [term.copy() for term in ordering]
        for term in oldest_first:
            term.reverse_ordering()
        for pk, level, _kind, published_on, year, _starred in (
            ratings.order_by(*oldest_first).values_list(*figures.IRM_COLUMNS).iterator(10000)
        ):
            counts_from = published_on or (datetime.date(year, 12, 31) if year else None)
            if counts_from is not None and counts_from <= until:
                events[counts_from].append(("irm", pk, level))
    return groups, labels, starts, events


def rebuild_snapshots(*, since: datetime.date, until: datetime.date | None = None) -> RebuildResult:
    """Rebuild the snapshot cache for every day from `since` to `until` (today by default) from the
    dated records, by the as-of definition: a full snapshot on `since`, then on each later day the
    figures change (a plan starting, a status update, an IRM publication) the rows of the groups
    that changed; each group's latest row on or before any day is that day's figures (as
    tests/figures/snapshot_reading.py reads them). One transaction; the range's
    old snapshots are replaced, so running it again changes nothing.

    The levels are swept forward through the events once (a fixed number of queries, whatever
    the number of days); tests check the result equals `completion_by(day=...)` on every day."""
    until = until or timezone.localdate()
    if since > until:
        raise ValueError("since must not be after until")
    groups, labels, starts, events = _rebuild_events(until)
    # Per track, commitment -> current level ("" = no data).
    tracks: dict[str, dict] = {track: {} for track in SNAPSHOT_TRACKS}
    counts: dict[tuple[str, str], dict[str, dict[str, int]]] = defaultdict(
        lambda: {track: defaultdict(int) for track in SNAPSHOT_TRACKS}
    )
    counted: set = set()
    dirty: set = set()  # groups whose figures changed since the last day written
    starting: dict[datetime.date, list] = defaultdict(list)
    for pk, start in starts.items():
        starting[start].append(pk)

    def count(pk: Any, track: str, level: str, step: int) -> None:
        for group in groups[pk]:
            counts[group][track][level or NO_DATA] += step
            dirty.add(group)

    def apply(day: datetime.date) -> None:
        for pk in starting.get(day, ()):
            counted.add(pk)
            for track in SNAPSHOT_TRACKS:
                count(pk, track, tracks[track].get(pk, ""), 1)
        for track, pk, level in events.get(day, ()):
            if pk not in groups:
                continue
            if pk in counted and (tracks[track].get(pk, "") or NO_DATA) != (level or NO_DATA):
                count(pk, track, tracks[track].get(pk, ""), -1)
                count(pk, track, level, 1)
            tracks[track][pk] = level

    change_days = sorted(set(starting) | set(events))
    for day in change_days:
        if day > since:
            break
        apply(day)
    days = [since, *(d for d in change_days if since < d <= until)]
    computed_at = timezone.now()
    written = 0
    with transaction.atomic():
        removed, _ = CompletionSnapshot.objects.filter(day__gte=since, day__lte=until).delete()
        SnapshotRun.objects.filter(day__gte=since, day__lte=until).delete()
        runs = []
        writer = _RowWriter()
        for n, day in enumerate(days):
            if n:
                dirty.clear()
                apply(day)
                if not dirty:
                    continue
            # The first day is a full snapshot; each later one holds the groups that changed.
            only = None if n == 0 else dirty
            rows = writer.add(_snapshot_rows_from_counts(day, counts, labels, computed_at, only))
            runs.append(SnapshotRun(day=day, computed_at=computed_at, row_count=rows, full=n == 0))
            written += rows
        writer.flush()
        SnapshotRun.objects.bulk_create(runs)
    logger.info("Snapshots %s..%s rebuilt: %d days, %d rows", since, until, len(days), written)
    return RebuildResult(since=since, until=until, days=len(days), rows=written, removed=removed)


def _snapshot_rows_from_counts(
    day: datetime.date,
    counts: dict[tuple[str, str], dict[str, dict[str, int]]],
    labels: dict[tuple[str, str], str],
    computed_at: datetime.datetime,
    only: set | None = None,
) -> Iterator[tuple]:
    """The day's rows, as `snapshot_rows` writes them: every group with a commitment counted that
    day, plus "all" and the four OGP values always; with `only`, just those groups."""
    from ..models.vocab import OGP_VALUE_FIELDS

    always = {("all", ALL_KEY), *(("ogp_value", str(value)) for value in OGP_VALUE_FIELDS)}
    for group in sorted(only if only is not None else set(counts) | always):
        by_track = counts[group]
        totals = {track: sum(by_track[track].values()) for track in SNAPSHOT_TRACKS}
        if not totals["irm"] and group not in always:
            continue
        grouping, key = group
        for track in SNAPSHOT_TRACKS:
            levels = by_track[track]
            yield (
                day,
                grouping,
                key[:200],
                str(labels.get(group, key))[:300],
                track,
                *(levels.get(field, 0) for field in COUNT_FIELDS),
                totals[track],
                computed_at,
            )


_ROW_FIELDS = ["day", "grouping", "group_key", "group_label", "track", *COUNT_FIELDS, "total"]


class _RowWriter:
    """Inserts snapshot rows in batches: COPY on PostgreSQL (a history rebuild writes a million
    rows), bulk_create elsewhere."""

    BATCH = 50_000

    def __init__(self) -> None:
        self.copy = connection.vendor == "postgresql"
        self.pending: list = []
        self.text: dict[Any, str] = {}  # escaped text, once per value

    def add(self, rows: Iterator[tuple]) -> int:
        n = 0
        for row in rows:
            self.pending.append(self._line(row) if self.copy else row)
            n += 1
        if len(self.pending) >= self.BATCH:
            self.flush()
        return n

    def _line(self, row: tuple) -> str:
        parts = []
        for value in row:
            text = self.text.get(value) if not isinstance(value, int) else None
            if text is None:
                text = _copy_text(value)
                if not isinstance(value, int):
                    self.text[value] = text
            parts.append(text)
        return "\t".join(parts) + "\n"

    def flush(self) -> None:
        if not self.pending:
            return
        if self.copy:
            table = CompletionSnapshot._meta.db_table
            columns = ", ".join(f'"{name}"' for name in [*_ROW_FIELDS, "computed_at"])
            with connection.cursor() as cursor:
                cursor.copy_expert(
                    f'COPY "{table}" ({columns}) FROM STDIN', io.StringIO("".join(self.pending))
                )
        else:
            names = [*_ROW_FIELDS, "computed_at"]
            CompletionSnapshot.objects.bulk_create(
                [CompletionSnapshot(**dict(zip(names, row, strict=True))) for row in self.pending],
                batch_size=2000,
            )
        self.pending = []


def _copy_text(value: Any) -> str:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
