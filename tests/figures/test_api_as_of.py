"""The figures API with ?as_of= and the history endpoint, both from the dated records."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ActionPlanFactory,
    AssessmentFactory,
    CommitmentFactory,
    IRMReportFactory,
    StatusUpdateFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.world("figures")]

STATS = "/api/v1/stats/completion/"
HISTORY = "/api/v1/stats/completion/history/"


@pytest.fixture
def records(world):
    """Dated records for P1 (plan started 2012-01-01): c1 reported substantial on 2013-06-01,
    limited on 2012-06-01; the IRM's progress report published 2014-03-01 rates c1 complete and
    c2 limited; an end-of-term report known only by its year (2015) rates c1 complete again."""
    c1, c2 = world.commitments["c1"], world.commitments["c2"]
    StatusUpdateFactory(commitment=c1, completion="limited", as_of=datetime.date(2012, 6, 1))
    StatusUpdateFactory(commitment=c1, completion="substantial", as_of=datetime.date(2013, 6, 1))
    progress = IRMReportFactory(action_plan=world.plans["P1"], published_on=DAY_PROGRESS)
    AssessmentFactory(report=progress, commitment=c1, completion="complete")
    AssessmentFactory(report=progress, commitment=c2, completion="limited")
    end = IRMReportFactory(
        action_plan=world.plans["P1"], kind="end_of_term", published_on=None, publication_year=2015
    )
    AssessmentFactory(report=end, commitment=c1, completion="complete")
    return world


DAY_PROGRESS = datetime.date(2014, 3, 1)


def p1_figures(api_client, day: str) -> dict:
    body = api_client.get(STATS, {"group_by": "action_plan", "as_of": day}).json()
    assert body["as_of"] == day and "as_of_rule" in body
    return next(row for row in body["results"] if row["key"] == "AP_AAA01")


def test_as_of_gives_the_figures_of_that_day_from_the_dated_records(records, api_client):
    before_report = p1_figures(api_client, "2014-02-28")
    assert before_report["commitment_count"] == 3
    assert before_report["completion"]["irm"]["no_data"] == 3
    assert before_report["completion"]["self_reported"]["substantial"] == 1

    after_report = p1_figures(api_client, "2014-03-01")
    assert after_report["completion"]["irm"]["complete"] == 1
    assert after_report["completion"]["irm"]["limited"] == 1
    assert after_report["completion"]["irm"]["no_data"] == 1

    mid_2012 = p1_figures(api_client, "2012-07-01")
    assert mid_2012["completion"]["self_reported"]["limited"] == 1
    # A report known only by its year counts from that year's last day.
    assert p1_figures(api_client, "2015-12-30")["completion"]["irm"]["complete"] == 1


def test_as_of_before_a_plan_started_counts_no_commitments_never_a_404(records, api_client):
    body = api_client.get(STATS, {"group_by": "action_plan", "as_of": "2011-06-01"}).json()
    assert body["results"] == []
    plan = api_client.get("/api/v1/action-plans/AP_AAA01/", {"as_of": "2011-06-01"})
    assert plan.status_code == 200 and plan.json()["commitment_count"] == 0


def test_as_of_combines_with_every_filter(records, api_client):
    body = api_client.get(
        STATS, {"group_by": "member", "as_of": "2014-03-01", "organization": "org-x"}
    ).json()
    aaa = next(row for row in body["results"] if row["key"] == "AAA")
    assert aaa["commitment_count"] == 2  # c1 and c2 are led by X
    assert aaa["completion"]["irm"]["complete"] == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"as_of": "01/03/2026"}, "as_of"),
        ({"as_of": ""}, "as_of"),
        ({"as_of": "2026-02-30"}, "as_of"),
        ({"as_of": "2026-03-01", "group_by": "planet"}, "group_by"),
    ],
)
def test_bad_as_of_requests_get_a_400_naming_the_field(world, api_client, params, field):
    response = api_client.get(STATS, params)
    assert response.status_code == 400
    assert field in response.json()


def test_as_of_query_count_does_not_grow_with_plans(world, api_client):
    def count_for(plans: int) -> int:
        for _ in range(plans):
            CommitmentFactory(action_plan=ActionPlanFactory(member=world.plans["P1"].member))
        with CaptureQueriesContext(connection) as ctx:
            response = api_client.get(STATS, {"group_by": "action_plan", "as_of": "2013-01-01"})
        assert response.status_code == 200
        return len(ctx.captured_queries)

    assert count_for(2) == count_for(20)


def test_history_of_a_plan_has_a_point_at_each_change_from_the_records(records, api_client):
    response = api_client.get(HISTORY, {"group_by": "action_plan", "key": "AP_AAA01"})
    assert response.status_code == 200
    body = response.json()
    assert body["label"] == "Aland plan 1" and "as_of_rule" in body
    days = [point["day"] for point in body["results"]]
    # The plan's start, the two status updates, the two reports, and today.
    assert days[:5] == ["2012-01-01", "2012-06-01", "2013-06-01", "2014-03-01", "2015-12-31"]
    assert days[-1] == datetime.date.today().isoformat()
    irm_complete = [point["completion"]["irm"]["complete"] for point in body["results"]]
    assert irm_complete[:5] == [0, 0, 0, 1, 1]


def test_history_by_month_and_cut_by_dates(records, api_client):
    body = api_client.get(
        HISTORY,
        {"group_by": "action_plan", "key": "AP_AAA01", "step": "month", "until": "2012-04-30"},
    ).json()
    assert [point["day"] for point in body["results"]] == [
        "2012-01-31",
        "2012-02-29",
        "2012-03-31",
        "2012-04-30",
    ]
    cut = api_client.get(HISTORY, {"since": "2014-01-01", "until": "2014-12-31"}).json()
    assert [point["day"] for point in cut["results"]] == ["2014-03-01"]


def test_history_as_csv_has_one_line_per_point(records, api_client):
    response = api_client.get(
        HISTORY,
        {"group_by": "member", "key": "AAA", "format": "csv", "until": "2013-12-31"},
    )
    assert response.status_code == 200
    lines = response.content.decode().strip().splitlines()
    assert len(lines) == 4  # header + plan start + two status updates
    assert lines[1].startswith("2012-01-01")


def test_history_errors(records, api_client):
    assert api_client.get(HISTORY, {"group_by": "action_plan"}).status_code == 400
    assert (
        api_client.get(HISTORY, {"group_by": "action_plan", "key": "AP_ZZZ09"}).status_code == 404
    )
    assert api_client.get(HISTORY, {"until": ""}).status_code == 400
    assert api_client.get(HISTORY, {"step": "week"}).status_code == 400
    bad = api_client.get(HISTORY, {"since": "2014-03-04", "until": "2014-03-01"})
    assert bad.status_code == 400 and "since" in bad.json()


def test_history_queries_grow_with_points_not_with_commitments(records, api_client):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            body = api_client.get(
                HISTORY, {"group_by": "action_plan", "key": "AP_AAA01", "until": "2014-12-31"}
            ).json()
        assert len(body["results"]) == 4
        return len(ctx.captured_queries)

    before = count()
    for _ in range(10):
        CommitmentFactory(action_plan=records.plans["P1"])
    assert count() == before


def test_plan_detail_as_of_gives_that_days_figures(records, api_client):
    url = "/api/v1/action-plans/AP_AAA01/"
    past = api_client.get(url, {"as_of": "2014-03-01"})
    assert past.status_code == 200
    body = past.json()
    assert body["ogp_id"] == "AP_AAA01" and body["as_of"] == "2014-03-01"
    assert body["commitment_count"] == 3
    assert body["completion"]["irm"]["complete_rate"] == {"numerator": 1, "denominator": 3}


def test_plan_detail_as_of_bad_is_a_clear_error(records, api_client):
    bad = api_client.get("/api/v1/action-plans/AP_AAA01/", {"as_of": "yesterday"})
    assert bad.status_code == 400
    assert "as_of" in bad.json()


def test_plan_and_organisation_lists_take_as_of(records, api_client):
    plans = api_client.get("/api/v1/action-plans/", {"as_of": "2014-03-01"}).json()["results"]
    p1 = next(p for p in plans if p["ogp_id"] == "AP_AAA01")
    assert p1["completion"]["irm"]["complete"] == 1 and p1["completion"]["irm"]["no_data"] == 1
    orgs = api_client.get("/api/v1/organizations/", {"as_of": "2014-02-01"}).json()["results"]
    x = next(o for o in orgs if o["id"] == "org-x")
    assert x["completion"]["irm"]["complete"] == 0  # before the progress report
    assert api_client.get("/api/v1/organizations/", {"as_of": "someday"}).status_code == 400
