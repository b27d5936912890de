"""Completion snapshots: hand-counted figures per grouping, repeatability, a run that dies half-way."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.figures import snapshots
from commitments.figures.counting import completion_figures
from commitments.models import Commitment, CompletionSnapshot, SnapshotRun
from tests.factories import CommitmentFactory
from tests.figures.snapshot_reading import snapshot_as_of

pytestmark = [pytest.mark.django_db, pytest.mark.world("figures")]

DAY1 = datetime.date(2030, 3, 1)  # after today: written from the cached levels
DAY3 = datetime.date(2030, 3, 3)

ZERO = {
    "no_data": 0,
    "no_evidence": 0,
    "not_started": 0,
    "limited": 0,
    "substantial": 0,
    "complete": 0,
    "withdrawn": 0,
    "unclear": 0,
}


def counts(**nonzero: int) -> dict[str, int]:
    return {**ZERO, **nonzero}


def figures_as_of(day, grouping) -> dict[str, dict]:
    """group key -> {"irm": counts, "civil_society": counts} as the snapshot holds them."""
    result = {}
    for point in snapshot_as_of(day, grouping):
        as_dict = point.figures.as_dict()
        result[point.key] = {
            track: {k: as_dict[track][k] for k in ZERO} for track in ("irm", "civil_society")
        }
    return result


def row_values() -> list[tuple]:
    fields = ["day", "grouping", "group_key", "group_label", "track", *ZERO, "total"]
    return list(CompletionSnapshot.objects.order_by("pk").values_list("pk", *fields))


def test_member_figures_match_hand_count(world):
    snapshots.recompute_snapshots(day=DAY1)
    by_member = figures_as_of(DAY1, "member")
    assert by_member == {
        "AAA": {
            "irm": counts(complete=2, limited=1, no_data=1),
            "civil_society": counts(substantial=1, complete=1, no_data=2),
        },
        "BBB": {
            "irm": counts(not_started=1, withdrawn=1),
            "civil_society": counts(no_data=1, withdrawn=1),
        },
    }


def test_action_plan_figures_match_hand_count(world):
    snapshots.recompute_snapshots(day=DAY1)
    by_plan = figures_as_of(DAY1, "action_plan")
    assert set(by_plan) == {"AP_AAA01", "AP_AAA02", "AP_BBB01"}
    assert by_plan["AP_AAA01"]["irm"] == counts(complete=1, limited=1, no_data=1)
    assert by_plan["AP_AAA01"]["civil_society"] == counts(substantial=1, no_data=2)
    assert by_plan["AP_AAA02"]["irm"] == counts(complete=1)
    assert by_plan["AP_BBB01"]["civil_society"] == counts(no_data=1, withdrawn=1)


def test_organization_figures_count_led_commitments_only(world):
    snapshots.recompute_snapshots(day=DAY1)
    by_org = figures_as_of(DAY1, "organization")
    # c3 has no lead organisation: it is in no organisation's figures.
    assert by_org == {
        "org-x": {
            "irm": counts(complete=1, limited=1, not_started=1),
            "civil_society": counts(substantial=1, no_data=2),
        },
        "org-y": {
            "irm": counts(complete=1, withdrawn=1),
            "civil_society": counts(complete=1, withdrawn=1),
        },
    }


def test_policy_area_and_ogp_value_figures_match_hand_count(world):
    snapshots.recompute_snapshots(day=DAY1)
    by_area = figures_as_of(DAY1, "policy_area")
    assert by_area["water"]["irm"] == counts(complete=1, not_started=1)
    assert by_area["health"]["irm"] == counts(complete=1)
    by_value = figures_as_of(DAY1, "ogp_value")
    assert by_value["access_to_information"]["irm"] == counts(complete=1)
    assert by_value["civic_participation"]["irm"] == counts(not_started=1)
    # Values nobody is tagged with still have a row, with zero commitments.
    assert by_value["public_accountability"]["irm"] == ZERO
    assert by_value["technology_innovation"]["civil_society"] == ZERO


def test_all_grouping_has_every_commitment_once(world):
    snapshots.recompute_snapshots(day=DAY1)
    everything = figures_as_of(DAY1, "all")["all"]
    assert everything["irm"] == counts(complete=2, limited=1, no_data=1, not_started=1, withdrawn=1)
    assert sum(everything["civil_society"].values()) == 6


def test_snapshot_figures_have_the_same_shape_as_the_live_definition(world):
    snapshots.recompute_snapshots(day=DAY1)
    [point] = snapshot_as_of(DAY1, "action_plan", key="AP_AAA01")
    live = completion_figures(Commitment.objects.filter(action_plan=world.plans["P1"]))
    # The cache keeps the counts; which IRM reports they come from is read from the records.
    live_counts = live.as_dict()
    assert live_counts.pop("irm_basis")["report"] == "latest"
    assert point.figures.as_dict() == live_counts
    assert point.label == "Aland plan 1"


def test_running_twice_gives_identical_rows(world):
    snapshots.recompute_snapshots(day=DAY1)
    first = row_values()
    result = snapshots.recompute_snapshots(day=DAY1)
    assert row_values() == first
    assert result.removed == 0
    assert SnapshotRun.objects.get(day=DAY1).row_count == len(first)


def test_a_group_that_disappears_drops_out_of_that_days_snapshot(world):
    snapshots.recompute_snapshots(day=DAY1)
    Commitment.objects.filter(action_plan=world.plans["P2"]).update(action_plan=world.plans["P1"])
    result = snapshots.recompute_snapshots(day=DAY1)
    assert result.removed == 3  # P2's three track rows
    assert "AP_AAA02" not in figures_as_of(DAY1, "action_plan")


def test_a_recompute_that_dies_half_way_leaves_the_previous_snapshot(world, monkeypatch):
    snapshots.recompute_snapshots(day=DAY1)
    before = figures_as_of(DAY3, "action_plan")
    world.commitments["c2"].irm_completion = "complete"
    world.commitments["c2"].save(update_fields=["irm_completion"])
    real = snapshots.snapshot_rows

    def dies_at_organisations(grouping, day, computed_at):
        if grouping == "organization":
            raise SystemExit("worker killed")
        return real(grouping, day, computed_at)

    monkeypatch.setattr(snapshots, "snapshot_rows", dies_at_organisations)
    with pytest.raises(SystemExit):
        snapshots.recompute_snapshots(day=DAY3)
    # Nothing of the dead run is visible: as of day 3 the figures are still day 1's.
    assert not CompletionSnapshot.objects.filter(day=DAY3).exists()
    assert figures_as_of(DAY3, "action_plan") == before

    monkeypatch.setattr(snapshots, "snapshot_rows", real)
    snapshots.recompute_snapshots(day=DAY3)
    assert figures_as_of(DAY3, "action_plan")["AP_AAA01"]["irm"] == counts(complete=2, no_data=1)


def test_recompute_query_count_does_not_grow_with_commitments(world):
    def queries_for_recompute(day) -> int:
        with CaptureQueriesContext(connection) as ctx:
            snapshots.recompute_snapshots(day=day)
        return len(ctx.captured_queries)

    small = queries_for_recompute(DAY1)
    # Ten times the commitments in the same groups.
    for plan in world.plans.values():
        CommitmentFactory.create_batch(20, action_plan=plan, lead_organization=world.orgs["X"])
    large = queries_for_recompute(DAY3)
    assert small == large
    # Savepoint, then per grouping (all, member, plan, organisation, OGP value, policy area) one
    # aggregate and one bulk upsert, then the stale-row delete, the run marker upsert, release.
    assert large == 1 + 6 * 2 + 1 + 1 + 1
