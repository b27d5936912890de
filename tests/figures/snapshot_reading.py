"""What the snapshot rows say a day's figures were, for the tests of the snapshot writer.

No page or endpoint reads the snapshots (the API and the charts compute from the dated records), so
the reading the writer's rows are meant for lives here, next to the tests that check them: a day's
figures are the latest full snapshot on or before it, each group's newest row among the complete
snapshots since (a history rebuild writes a later day's changed groups only). Only days with a
`SnapshotRun` count: a recompute that died half-way left no run.
"""

from __future__ import annotations

import datetime

from commitments.figures.values import CompletionFigures, TrackFigures
from commitments.models import CompletionSnapshot, SnapshotRun
from commitments.models.snapshots import SNAPSHOT_TRACKS, SnapshotPoint
from commitments.models.vocab import FIGURE_KEYS


def snapshot_as_of(
    day: datetime.date, grouping: str, key: str | None = None
) -> list[SnapshotPoint]:
    """Each group's figures on `day` as the snapshot rows hold them, by group key."""
    days = []
    for run_day, full in SnapshotRun.objects.filter(day__lte=day).values_list("day", "full"):
        days.append(run_day)
        if full:
            break
    else:
        return []  # no full snapshot on or before `day`
    rows = CompletionSnapshot.objects.filter(grouping=grouping, day__in=days).order_by("day")
    if key is not None:
        rows = rows.filter(group_key=key)
    newest: dict[str, dict[str, CompletionSnapshot]] = {}
    for row in rows:  # oldest first: a later day's row replaces the earlier one
        newest.setdefault(row.group_key, {})[row.track] = row
    return [
        SnapshotPoint(
            day=day,
            key=group_key,
            label=max(by_track.values(), key=lambda row: row.day).group_label,
            figures=CompletionFigures(
                **{track: _track(by_track.get(track)) for track in SNAPSHOT_TRACKS}
            ),
        )
        for group_key, by_track in sorted(newest.items())
    ]


def _track(row: CompletionSnapshot | None) -> TrackFigures:
    return TrackFigures({key: getattr(row, str(key), 0) for key in FIGURE_KEYS})
