"""Dated completion snapshots: the figures of every group, as they stood on each day.

One row per day, grouping, group and track, written by `commitments.figures.snapshots.recompute_snapshots`.
A `SnapshotRun` row marks each day whose snapshot is complete, so a recompute killed half-way (its
transaction rolled back) leaves no run and the previous rows in place. No page or endpoint reads them
(`?as_of=`, the stats' history and the charts compute from the dated records); the admin lists them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import Q
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
