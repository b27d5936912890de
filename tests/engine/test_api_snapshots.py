"""The figures API with ?as_of= and the history endpoint, read from the daily snapshots."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments import snapshots
from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db

DAY1 = datetime.date(2026, 3, 1)
DAY3 = datetime.date(2026, 3, 3)
STATS = "/api/v1/stats/completion/"
HISTORY = "/api/v1/stats/completion/history/"


@pytest.fixture
def two_days(world):
    snapshots.recompute_snapshots(day=DAY1)
    CommitmentFactory(action_plan=world.plans["P1"], irm_completion="complete")
    snapshots.recompute_snapshots(day=DAY3)
    return world


def test_as_of_gives_the_figures_of_that_day_in_the_live_shape(two_days, api_client):
    past = api_client.get(STATS, {"group_by": "action_plan", "as_of": "2026-03-02"})
    assert past.status_code == 200
    body = past.json()
    assert body["snapshot_day"] == "2026-03-01"
    p1 = next(row for row in body["results"] if row["key"] == "AP_AAA01")
    assert p1["commitment_count"] == 3
    assert p1["completion"]["irm"]["complete_rate"] == {"numerator": 1, "denominator": 3}

    live = api_client.get(STATS, {"group_by": "action_plan"}).json()
    live_p1 = next(row for row in live["results"] if row["key"] == "AP_AAA01")
    now = api_client.get(STATS, {"group_by": "action_plan", "as_of": "2026-03-03"}).json()
    now_p1 = next(row for row in now["results"] if row["key"] == "AP_AAA01")
    # Same keys and same figures as the live endpoint once the snapshot is current.
    assert now_p1 == live_p1


def test_as_of_before_the_first_snapshot_is_empty(two_days, api_client):
    body = api_client.get(STATS, {"as_of": "2020-01-01"}).json()
    assert body["results"] == [] and body["snapshot_day"] is None


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"as_of": "01/03/2026"}, "as_of"),
        ({"as_of": ""}, "as_of"),
        ({"as_of": "2026-02-30"}, "as_of"),
        ({"as_of": "2026-03-01", "group_by": "planet"}, "group_by"),
        ({"as_of": "2026-03-01", "member": "AAA"}, "as_of"),
    ],
)
def test_bad_as_of_requests_get_a_400_naming_the_field(two_days, api_client, params, field):
    response = api_client.get(STATS, params)
    assert response.status_code == 400
    assert field in response.json()


def test_history_of_a_plan_lists_each_day_oldest_first(two_days, api_client):
    response = api_client.get(HISTORY, {"group_by": "action_plan", "key": "AP_AAA01"})
    assert response.status_code == 200
    body = response.json()
    assert body["label"] == "Aland plan 1"
    assert [point["day"] for point in body["results"]] == ["2026-03-01", "2026-03-03"]
    assert [p["completion"]["irm"]["complete"] for p in body["results"]] == [1, 2]


def test_history_of_everything_needs_no_key_and_can_be_cut(two_days, api_client):
    body = api_client.get(HISTORY, {"since": "2026-03-02"}).json()
    assert [point["day"] for point in body["results"]] == ["2026-03-03"]
    assert body["results"][0]["commitment_count"] == 7


def test_history_as_csv_has_one_line_per_day(two_days, api_client):
    response = api_client.get(HISTORY, {"group_by": "member", "key": "AAA", "format": "csv"})
    assert response.status_code == 200
    lines = response.content.decode().strip().splitlines()
    assert len(lines) == 3  # header + two days
    assert lines[1].startswith("2026-03-01")


def test_history_errors(two_days, api_client):
    assert api_client.get(HISTORY, {"group_by": "action_plan"}).status_code == 400
    assert (
        api_client.get(HISTORY, {"group_by": "action_plan", "key": "AP_ZZZ09"}).status_code == 404
    )
    assert api_client.get(HISTORY, {"until": ""}).status_code == 400
    bad = api_client.get(HISTORY, {"since": "2026-03-04", "until": "2026-03-01"})
    assert bad.status_code == 400 and "since" in bad.json()


def test_history_query_count_does_not_grow_with_days(world, api_client):
    def count_for(days: int) -> int:
        for n in range(days):
            snapshots.recompute_snapshots(day=DAY1 + datetime.timedelta(days=n))
        with CaptureQueriesContext(connection) as ctx:
            response = api_client.get(HISTORY, {"group_by": "member", "key": "AAA"})
        assert len(response.json()["results"]) == days
        return len(ctx.captured_queries)

    assert count_for(2) == count_for(20) == 1


def test_plan_detail_as_of_gives_that_days_figures(two_days, api_client):
    url = "/api/v1/action-plans/AP_AAA01/"
    past = api_client.get(url, {"as_of": "2026-03-02"})
    assert past.status_code == 200
    body = past.json()
    assert body["ogp_id"] == "AP_AAA01"
    assert body["snapshot_day"] == "2026-03-01"
    assert body["commitment_count"] == 3
    assert body["completion"]["irm"]["complete_rate"] == {"numerator": 1, "denominator": 3}
    # Today's snapshot equals the live figures.
    live = api_client.get(url).json()
    now = api_client.get(url, {"as_of": "2026-03-03"}).json()
    assert now["completion"] == live["completion"]
    assert now["commitment_count"] == live["commitment_count"] == 4


def test_plan_detail_as_of_bad_or_too_early_is_a_clear_error(two_days, api_client):
    url = "/api/v1/action-plans/AP_AAA01/"
    bad = api_client.get(url, {"as_of": "yesterday"})
    assert bad.status_code == 400
    assert "as_of" in bad.json()
    early = api_client.get(url, {"as_of": "2020-01-01"})
    assert early.status_code == 404
    assert "2020-01-01" in str(early.json())
