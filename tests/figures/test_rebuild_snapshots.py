"""manage.py recompute_snapshots --since/--until: the snapshot cache rebuilt for a range of days from
the dated records, equal on every day to the as-of definition (commitments.figures.counting), idempotent."""

from __future__ import annotations

import datetime
import io
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commitments.figures import snapshots
from commitments.figures.counting import completion_by, completion_figures
from commitments.figures.snapshots import rebuild_snapshots, recompute_snapshots
from commitments.models import Commitment, CompletionSnapshot, SnapshotRun, StatusUpdate
from commitments.models.snapshots import ALL_KEY, SNAPSHOT_GROUPINGS, SNAPSHOT_TRACKS
from tests.conftest import REQUIRE_SERVICES
from tests.factories import (
    ActionPlanFactory,
    AssessmentFactory,
    CommitmentFactory,
    IRMReportFactory,
    OrganizationFactory,
    StatusUpdateFactory,
)
from tests.figures.snapshot_reading import snapshot_as_of

pytestmark = [pytest.mark.django_db, pytest.mark.world("figures")]

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
        for point in snapshot_as_of(day, grouping)
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


def test_each_rebuilt_day_records_the_rows_it_wrote_and_the_result_adds_them_up(dated):
    call_command("recompute_snapshots", "--day", "2013-03-01")  # rows the rebuild replaces
    replaced = CompletionSnapshot.objects.count()
    since, until = datetime.date(2012, 1, 1), datetime.date(2016, 12, 31)

    result = rebuild_snapshots(since=since, until=until)
    per_day = Counter(CompletionSnapshot.objects.values_list("day", flat=True))
    assert dict(SnapshotRun.objects.values_list("day", "row_count")) == dict(per_day)
    assert (result.since, result.until, result.rows, result.removed) == (
        since,
        until,
        sum(per_day.values()),
        replaced,
    )
    assert result.days >= len(per_day) > 1


def test_a_range_rebuild_leaves_the_days_before_and_after_it_as_they_were(dated):
    outside = [datetime.date(2011, 6, 1), datetime.date(2015, 6, 1)]
    for day in outside:
        rebuild_snapshots(since=day, until=day)
    fields = ["day", "grouping", "group_key", "track", "total", "complete"]
    before = sorted(CompletionSnapshot.objects.values_list(*fields))

    rebuild_snapshots(since=datetime.date(2013, 1, 1), until=datetime.date(2013, 12, 31))
    kept = CompletionSnapshot.objects.filter(day__in=outside)
    assert sorted(kept.values_list(*fields)) == before
    assert set(kept.values_list("day", flat=True)) == set(outside)
    assert set(SnapshotRun.objects.filter(day__in=outside).values_list("day", flat=True)) == set(
        outside
    )


@pytest.mark.parametrize(
    "until",
    [datetime.date(2013, 6, 1), datetime.date(2014, 3, 1)],
    ids=["a-status-update-day", "a-report-publication-day"],
)
def test_a_range_ending_on_a_change_day_includes_that_days_change(dated, until):
    rebuild_snapshots(since=datetime.date(2012, 1, 1), until=until)
    assert until in set(SnapshotRun.objects.values_list("day", flat=True))
    for grouping in SNAPSHOT_GROUPINGS:
        assert from_cache(until, grouping) == from_records(until, grouping), grouping


def test_a_later_day_holds_only_the_groups_whose_figures_changed(dated):
    """2013-02-01: one status update, on c4 (plan P2 of member AAA, led by Y, no policy area and
    no OGP value): that day's rows are c4's groups and no other."""
    rebuild_snapshots(since=datetime.date(2012, 1, 1), until=datetime.date(2016, 12, 31))
    c4 = dated.commitments["c4"]
    written = set(
        CompletionSnapshot.objects.filter(day=datetime.date(2013, 2, 1)).values_list(
            "grouping", "group_key"
        )
    )
    assert written == {
        ("all", ALL_KEY),
        ("member", "AAA"),
        ("action_plan", c4.action_plan.ogp_id),
        ("organization", c4.lead_organization.slug),
    }


def test_a_rebuild_refuses_a_range_that_ends_before_it_starts(dated):
    with pytest.raises(ValueError, match=r"^since must not be after until$"):
        rebuild_snapshots(since=datetime.date(2015, 1, 1), until=datetime.date(2014, 1, 1))


def test_a_published_report_with_no_date_yet_counts_on_no_day(dated):
    undated = IRMReportFactory(
        action_plan=dated.plans["P2"], published_on=None, publication_year=None
    )
    AssessmentFactory(report=undated, commitment=dated.commitments["c4"], completion="limited")
    rebuild_snapshots(since=datetime.date(2012, 1, 1), until=datetime.date(2016, 12, 31))
    for day in DAYS:
        assert from_cache(day, "action_plan") == from_records(day, "action_plan"), day


def test_two_updates_on_the_same_day_count_in_the_order_they_were_recorded(dated):
    c3 = dated.commitments["c3"]
    day = datetime.date(2014, 9, 1)
    recorded_last = StatusUpdateFactory(commitment=c3, completion="complete", as_of=day)
    recorded_first = StatusUpdateFactory(commitment=c3, completion="limited", as_of=day)
    StatusUpdate.objects.filter(pk=recorded_first.pk).update(
        recorded_at=recorded_last.recorded_at - datetime.timedelta(hours=1)
    )
    rebuild_snapshots(since=datetime.date(2012, 1, 1), until=datetime.date(2016, 12, 31))
    assert from_cache(day, "all") == from_records(day, "all")
    assert from_cache(day, "all")[ALL_KEY]["civil_society"]["complete"] == 2


def test_group_labels_come_back_from_the_rebuild_as_typed_and_cut_as_today(dated):
    """Tabs, line breaks and backslashes (the characters COPY escapes on PostgreSQL), and a name
    longer than a label holds."""
    name = "Ministerio\tde Obras\nPúblicas\r\nC:\\datos\\bases " + "y más " * 70
    odd = OrganizationFactory(name=name)
    CommitmentFactory(action_plan=dated.plans["P1"], lead_organization=odd)
    rebuild_snapshots(since=datetime.date(2012, 1, 1), until=datetime.date(2012, 12, 31))
    labels = set(
        CompletionSnapshot.objects.filter(grouping="organization", group_key=odd.slug).values_list(
            "group_label", flat=True
        )
    )
    assert labels == {name[:300]}
    recompute_snapshots()  # today's, from the levels cached on each commitment
    today = CompletionSnapshot.objects.filter(
        day=timezone.localdate(), grouping="organization", group_key=odd.slug
    )
    assert set(today.values_list("group_label", flat=True)) == labels


def test_on_postgresql_the_history_rebuild_writes_its_rows_by_copy(dated):
    # A history rebuild writes a million rows: COPY, not INSERTs (bulk_create is the other engines').
    if connection.vendor != "postgresql":
        if REQUIRE_SERVICES:
            pytest.fail("The COPY writer's test needs PostgreSQL (DATABASE_URL) in CI.")
        pytest.skip("The COPY writer needs PostgreSQL: set DATABASE_URL.")
    table = CompletionSnapshot._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        result = rebuild_snapshots(
            since=datetime.date(2012, 1, 1), until=datetime.date(2016, 12, 31)
        )
    assert result.rows == CompletionSnapshot.objects.count() > 0
    assert not [q for q in queries if q["sql"].startswith(f'INSERT INTO "{table}"')]


def test_a_rebuild_longer_than_one_batch_writes_every_row(dated, monkeypatch):
    # A history rebuild writes a million rows, in batches of 50,000: here, of 10.
    monkeypatch.setattr(snapshots._RowWriter, "BATCH", 10)
    result = rebuild_snapshots(since=datetime.date(2012, 1, 1), until=datetime.date(2016, 12, 31))
    assert result.rows == CompletionSnapshot.objects.count() > 10
    for day in DAYS:
        for grouping in SNAPSHOT_GROUPINGS:
            assert from_cache(day, grouping) == from_records(day, grouping), (day, grouping)
