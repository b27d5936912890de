"""Dated completion snapshots: the figures of every group, as they stood on each day.

One row per day, grouping, group and track, written by `commitments.figures.snapshots.recompute_snapshots`.
A `SnapshotRun` row marks each day whose snapshot is complete; readers only use complete days, so a
recompute killed half-way (its transaction rolled back) leaves the previous figures in place.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db import connections, models
from django.db.models import OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from .vocab import FIGURE_KEYS, NO_DATA

# Grouping names, in display order. "all" is every commitment, under the one key "all".
SNAPSHOT_GROUPINGS: tuple[str, ...] = (
    "all",
    "member",
    "action_plan",
    "organization",
    "ogp_value",
    "policy_area",
)
ALL_KEY = "all"
# commitments.figures.counting.TRACKS' names (civil society's was stored as "self_reported" until
# migration 0021 renamed the rows).
SNAPSHOT_TRACKS: tuple[str, ...] = ("government", "civil_society", "irm")
# Model field for each figure key (the "no_data" key is a field too).
COUNT_FIELDS: tuple[str, ...] = tuple(str(key) for key in FIGURE_KEYS)


@dataclass(frozen=True)
class SnapshotPoint:
    """One group's figures on one day."""

    day: datetime.date
    key: str
    label: str
    figures: object  # commitments.figures.counting.CompletionFigures


def _figures(rows_by_track: dict[str, CompletionSnapshot]):
    from commitments.figures.values import CompletionFigures, TrackFigures

    def track(name: str) -> TrackFigures:
        row = rows_by_track.get(name)
        return TrackFigures(
            {key: getattr(row, str(key)) if row is not None else 0 for key in FIGURE_KEYS}
        )

    return CompletionFigures(**{name: track(name) for name in SNAPSHOT_TRACKS})


def _points(rows) -> list[SnapshotPoint]:
    """Gather each (day, key)'s track rows into one point, keeping the rows' order."""
    grouped: dict[tuple[datetime.date, str], dict[str, CompletionSnapshot]] = defaultdict(dict)
    labels: dict[tuple[datetime.date, str], str] = {}
    for row in rows:
        grouped[(row.day, row.group_key)][row.track] = row
        labels[(row.day, row.group_key)] = row.group_label
    return [
        SnapshotPoint(day=day, key=key, label=labels[(day, key)], figures=_figures(by_track))
        for (day, key), by_track in grouped.items()
    ]


class SnapshotRun(models.Model):
    """A day whose snapshot was written completely (in the same transaction as its rows)."""

    day = models.DateField(_("day"), unique=True)
    computed_at = models.DateTimeField(_("computed at"))
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    # A full snapshot holds every group; otherwise (a history rebuild's later days) only the groups
    # whose figures changed that day, the others standing as on the day before.
    full = models.BooleanField(_("full snapshot"), default=True)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("snapshot run")
        verbose_name_plural = _("snapshot runs")

    def __str__(self) -> str:
        return f"{self.day} ({self.row_count})"


class CompletionSnapshotQuerySet(models.QuerySet):
    def as_of_rows(self, day: datetime.date, grouping: str) -> CompletionSnapshotQuerySet:
        """Each group's row as it stood on `day`, for one grouping: from the latest full snapshot
        on or before `day`, each group's newest row among the complete snapshots since (a history
        rebuild writes a day's changed groups only)."""
        full = SnapshotRun.objects.filter(day__lte=day, full=True).order_by("-day").values("day")
        runs = SnapshotRun.objects.filter(day__lte=day, day__gte=Subquery(full[:1])).values("day")
        candidates = self.filter(grouping=grouping, day__in=runs)
        if connections[self.db].vendor == "postgresql":
            return candidates.order_by("group_key", "track", "-day").distinct("group_key", "track")
        newest = (
            candidates.filter(group_key=OuterRef("group_key"), track=OuterRef("track"))
            .order_by("-day")
            .values("day")[:1]
        )
        return candidates.filter(day=Subquery(newest)).order_by("group_key", "track")

    def as_of(
        self, day: datetime.date, grouping: str, key: str | None = None
    ) -> list[SnapshotPoint]:
        """Each group's figures as they stood on `day` (one query). Empty before the first snapshot."""
        rows = self.as_of_rows(day, grouping)
        if key is not None:
            rows = rows.filter(group_key=key)
        return _points(rows)

    def history(
        self,
        grouping: str,
        key: str,
        *,
        since: datetime.date | None = None,
        until: datetime.date | None = None,
    ) -> list[SnapshotPoint]:
        """One group's figures on each snapshot day, oldest first (one query)."""
        rows = self.filter(grouping=grouping, group_key=key)
        # Only days whose snapshot completed: a half-written day never shows.
        rows = rows.filter(day__in=SnapshotRun.objects.values("day"))
        if since is not None:
            rows = rows.filter(day__gte=since)
        if until is not None:
            rows = rows.filter(day__lte=until)
        return _points(rows.order_by("day", "track"))


class CompletionSnapshot(models.Model):
    """The completion counts of one group, on one track, on one day."""

    day = models.DateField(_("day"))
    grouping = models.CharField(_("grouping"), max_length=20)
    group_key = models.CharField(_("group"), max_length=200)
    group_label = models.CharField(_("group name"), max_length=300)
    track = models.CharField(_("track"), max_length=20)
    no_data = models.PositiveIntegerField(default=0)
    no_evidence = models.PositiveIntegerField(default=0)
    not_started = models.PositiveIntegerField(default=0)
    limited = models.PositiveIntegerField(default=0)
    substantial = models.PositiveIntegerField(default=0)
    complete = models.PositiveIntegerField(default=0)
    withdrawn = models.PositiveIntegerField(default=0)
    unclear = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(_("computed at"))

    objects = CompletionSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["day", "grouping", "group_key", "track"]
        verbose_name = _("completion snapshot")
        verbose_name_plural = _("completion snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "grouping", "group_key", "track"],
                name="snapshot_one_row_per_group_track_day",
            ),
            models.CheckConstraint(
                condition=Q(track__in=SNAPSHOT_TRACKS), name="snapshot_track_known"
            ),
            models.CheckConstraint(
                condition=Q(grouping__in=SNAPSHOT_GROUPINGS), name="snapshot_grouping_known"
            ),
            models.CheckConstraint(
                condition=Q(
                    total=models.F(NO_DATA)
                    + models.F("no_evidence")
                    + models.F("not_started")
                    + models.F("limited")
                    + models.F("substantial")
                    + models.F("complete")
                    + models.F("withdrawn")
                    + models.F("unclear")
                ),
                name="snapshot_total_is_sum",
            ),
        ]
        indexes = [models.Index(fields=["grouping", "group_key", "day"])]

    def __str__(self) -> str:
        return f"{self.day} {self.grouping}:{self.group_key} {self.track}"
