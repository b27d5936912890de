"""?irm_report=progress|end_of_term|latest: which IRM report the IRM counts come from, said in every
answer (irm_basis), on the plan list and detail, stats/completion and the history series."""

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
)

pytestmark = [pytest.mark.django_db, pytest.mark.world("figures")]

STATS = "/api/v1/stats/completion/"
HISTORY = "/api/v1/stats/completion/history/"
PLAN = "/api/v1/action-plans/AP_AAA01/"
PROGRESS_DAY = datetime.date(2014, 3, 1)


@pytest.fixture
def two_reports(world):
    """P1 (c1, c2, c3): the progress report (published 2014-03-01) rates c1 complete and c2
    limited; the end-of-term report, known only by its year (2015), rates c1 substantial."""
    c1, c2 = world.commitments["c1"], world.commitments["c2"]
    progress = IRMReportFactory(action_plan=world.plans["P1"], published_on=PROGRESS_DAY)
    AssessmentFactory(report=progress, commitment=c1, completion="complete")
    AssessmentFactory(report=progress, commitment=c2, completion="limited")
    end = IRMReportFactory(
        action_plan=world.plans["P1"], kind="end_of_term", published_on=None, publication_year=2015
    )
    AssessmentFactory(report=end, commitment=c1, completion="substantial")
    return world


def p1(api_client, **params) -> dict:
    body = api_client.get(STATS, {"group_by": "action_plan", **params}).json()
    return next(row for row in body["results"] if row["key"] == "AP_AAA01")["completion"]


def levels(completion: dict) -> dict:
    irm = completion["irm"]
    return {key: irm[key] for key in ("complete", "substantial", "limited", "no_data") if irm[key]}


def test_each_basis_counts_only_its_reports_and_says_which(two_reports, api_client):
    progress = p1(api_client, as_of="2016-01-01", irm_report="progress")
    assert levels(progress) == {"complete": 1, "limited": 1, "no_data": 1}
    assert progress["irm_basis"]["report"] == "progress"
    assert progress["irm_basis"]["reports"] == [
        {
            "kind": "progress",
            "published_on": "2014-03-01",
            "publication_year": None,
            "counts_from": "2014-03-01",
            "year_only": False,
            "commitment_count": 2,
        }
    ]
    end = p1(api_client, as_of="2016-01-01", irm_report="end_of_term")
    assert levels(end) == {"substantial": 1, "no_data": 2}
    # Known only by its year: it counts from that year's last day, and the figure says so.
    [entry] = end["irm_basis"]["reports"]
    assert entry["kind"] == "end_of_term" and entry["year_only"] is True
    assert entry["counts_from"] == "2015-12-31" and entry["commitment_count"] == 1


def test_latest_basis_mixes_reports_and_lists_each_with_its_count(two_reports, api_client):
    latest = p1(api_client, as_of="2016-01-01")
    assert levels(latest) == {"substantial": 1, "limited": 1, "no_data": 1}
    assert latest["irm_basis"]["report"] == "latest"
    assert [(r["kind"], r["commitment_count"]) for r in latest["irm_basis"]["reports"]] == [
        ("progress", 1),
        ("end_of_term", 1),
    ]
    # The day before the year-only report counts, only the progress report does.
    before = p1(api_client, as_of="2015-12-30")
    assert levels(before) == {"complete": 1, "limited": 1, "no_data": 1}


def test_plan_detail_and_list_take_irm_report_without_as_of(two_reports, api_client):
    detail = api_client.get(PLAN, {"irm_report": "end_of_term"})
    assert detail.status_code == 200
    body = detail.json()
    assert body["irm_report"] == "end_of_term" and body["as_of"] is None
    assert levels(body["completion"]) == {"substantial": 1, "no_data": 2}
    plans = api_client.get("/api/v1/action-plans/", {"irm_report": "progress"}).json()["results"]
    row = next(p for p in plans if p["ogp_id"] == "AP_AAA01")
    assert row["completion"]["irm_basis"]["reports"][0]["kind"] == "progress"
    assert levels(row["completion"]) == {"complete": 1, "limited": 1, "no_data": 1}


def test_history_follows_the_chosen_basis(two_reports, api_client):
    body = api_client.get(
        HISTORY,
        {"group_by": "action_plan", "key": "AP_AAA01", "irm_report": "end_of_term"},
    ).json()
    assert body["irm_report"] == "end_of_term"
    by_day = {p["day"]: p["completion"]["irm"]["substantial"] for p in body["results"]}
    assert by_day["2014-03-01"] == 0 and by_day["2015-12-31"] == 1


@pytest.mark.parametrize("url", [STATS, PLAN, "/api/v1/action-plans/", HISTORY])
def test_an_unknown_irm_report_is_a_400_naming_it(two_reports, api_client, url):
    response = api_client.get(url, {"irm_report": "midterm"})
    assert response.status_code == 400
    assert "irm_report" in response.json()


def test_irm_basis_query_count_is_one_per_grouping_at_2_and_20_plans(world, api_client):
    def count_for(plans: int) -> int:
        for _ in range(plans):
            plan = ActionPlanFactory(member=world.plans["P1"].member)
            report = IRMReportFactory(action_plan=plan, published_on=PROGRESS_DAY)
            AssessmentFactory(report=report, commitment=CommitmentFactory(action_plan=plan))
        with CaptureQueriesContext(connection) as ctx:
            response = api_client.get(
                STATS, {"group_by": "action_plan", "as_of": "2015-01-01", "irm_report": "progress"}
            )
        assert response.status_code == 200
        figure_queries = [q for q in ctx.captured_queries if "commitments_statusupdate" in q["sql"]]
        assert len(figure_queries) == 1  # the figures for every plan: one query
        return len(ctx.captured_queries)

    assert count_for(2) == count_for(20)
