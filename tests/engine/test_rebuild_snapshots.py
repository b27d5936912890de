"""manage.py recompute_snapshots --since/--until: the snapshot cache rebuilt for a range of days from
the dated records, equal on every day to the as-of definition (commitments.figures), idempotent."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command

from commitments.figures import completion_by, completion_figures
from commitments.models import Commitment, CompletionSnapshot, SnapshotRun
from commitments.models.snapshots import SNAPSHOT_GROUPINGS, SNAPSHOT_TRACKS
from tests.factories import (
    ActionPlanFactory,
    AssessmentFactory,
    CommitmentFactory,
    IRMReportFactory,
    StatusUpdateFactory,
)

pytestmark = pytest.mark.django_db

DAYS = [
    datetime.date(2012, 1, 1),
    datetime.date(2012, 5, 31),
    datetime.date(2012, 6, 1),
    datetime.date(2013, 7, 1),
    datetime.date(2014, 3, 1),
    datetime.date(2014, 6, 1),
    datetime.date(2015, 12, 30),
    datetime.date(2015, 12, 31),
    datetime.date(2016, 12, 31),
]


@pytest.fixture
def dated(world):
    """P1 started 2012-01-01 (all factory plans do); a fourth plan starts 2014-06-01. Status updates
    in 2012 and 2013 (one corrected later by an earlier-dated one recorded after it), a progress
    report published 2014-03-01 and an end-of-term report known only by its year (2015)."""
    c1, c2, c4 = (world.commitments[name] for name in ("c1", "c2", "c4"))
    StatusUpdateFactory(commitment=c1, completion="limited", as_of=datetime.date(2012, 6, 1))
    StatusUpdateFactory(commitment=c1, completion="substantial", as_of=datetime.date(2013, 6, 1))
    StatusUpdateFactory(commitment=c1, completion="not_started", as_of=datetime.date(2012, 7, 1))
    StatusUpdateFactory(commitment=c4, completion="complete", as_of=datetime.date(2013, 2, 1))
    progress = IRMReportFactory(action_plan=world.plans["P1"])
    AssessmentFactory(report=progress, commitment=c1, completion="complete")
    AssessmentFactory(report=progress, commitment=c2, completion="limited")
    end = IRMReportFactory(
        action_plan=world.plans["P1"], kind="end_of_term", published_on=None, publication_year=2015
    )
    AssessmentFactory(report=end, commitment=c1, completion="substantial")
    late = ActionPlanFactory(
        member=world.plans["P1"].member,
        number=9,
        start_date=datetime.date(2014, 6, 1),
        end_date=datetime.date(2016, 6, 1),
    )
    late_one = CommitmentFactory(action_plan=late)
    StatusUpdateFactory(commitment=late_one, completion="limited", as_of=datetime.date(2014, 1, 1))
    return world


def from_cache(day: datetime.date, grouping: str) -> dict:
    return {
        point.key: {track: point.figures.track(track).counts for track in SNAPSHOT_TRACKS}
        for point in CompletionSnapshot.objects.as_of(day, grouping)
    }


def from_records(day: datetime.date, grouping: str) -> dict:
    everything = Commitment.objects.all()
    if grouping == "all":
        groups = [("all", completion_figures(everything, day=day))]
    else:
        groups = [(g.key, g.figures) for g in completion_by(everything, grouping, day=day)]
    return {
        key: {track: figures.track(track).counts for track in SNAPSHOT_TRACKS}
        for key, figures in groups
    }


def test_the_rebuilt_cache_equals_the_as_of_definition_on_every_day(dated):
    out = io.StringIO()
    call_command(
        "recompute_snapshots", "--since", "2012-01-01", "--until", "2016-12-31", stdout=out
    )
    assert "days with a change" in out.getvalue()
    for day in DAYS:
        for grouping in SNAPSHOT_GROUPINGS:
            assert from_cache(day, grouping) == from_records(day, grouping), (day, grouping)
    # The late plan's commitment counts from its plan's start, with the level reported before it.
    mid_2014 = from_cache(datetime.date(2014, 6, 1), "all")["all"]["civil_society"]
    assert mid_2014["limited"] == 1
    # Only the change days are written; a day between them reads the latest before it.
    written = set(SnapshotRun.objects.values_list("day", flat=True))
    assert datetime.date(2015, 12, 31) in written and datetime.date(2015, 12, 30) not in written


def test_rebuilding_again_changes_nothing(dated):
    call_command("recompute_snapshots", "--since", "2012-01-01", "--until", "2016-12-31")
    fields = ["day", "grouping", "group_key", "group_label", "track", "total", "complete"]
    before = sorted(CompletionSnapshot.objects.values_list(*fields))
    call_command("recompute_snapshots", "--since", "2012-01-01", "--until", "2016-12-31")
    assert sorted(CompletionSnapshot.objects.values_list(*fields)) == before
    assert SnapshotRun.objects.count() == len({row[0] for row in before})


def test_a_range_rebuild_keeps_days_outside_it(dated):
    call_command("recompute_snapshots", "--day", "2011-06-01")
    call_command("recompute_snapshots", "--since", "2013-01-01", "--until", "2013-12-31")
    days = set(SnapshotRun.objects.values_list("day", flat=True))
    assert datetime.date(2011, 6, 1) in days
    assert min(d for d in days if d.year == 2013) == datetime.date(2013, 1, 1)
    assert max(days) <= datetime.date(2013, 12, 31)


@pytest.mark.parametrize(
    "args",
    [
        ["--since", "2014-13-01"],
        ["--since", "2015-01-01", "--until", "2014-01-01"],
        ["--until", "2014-01-01"],
        ["--since", "2014-01-01", "--day", "2014-01-01"],
    ],
)
def test_bad_ranges_are_refused_with_a_message(dated, args):
    with pytest.raises(CommandError):
        call_command("recompute_snapshots", *args)
