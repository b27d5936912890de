"""What the stats API says about the IRM reports a figure counts from (irm_basis): each report's
dates, whether it is known only by its year, and the basis in words."""

from __future__ import annotations

import datetime

import pytest

from tests.factories import (
    ActionPlanFactory,
    AssessmentFactory,
    CommitmentFactory,
    IRMReportFactory,
)

pytestmark = pytest.mark.django_db

STATS = "/api/v1/stats/completion/"


def plan_completion(api_client, plan, **params) -> dict:
    body = api_client.get(
        STATS, {"group_by": "action_plan", **params}, HTTP_ACCEPT_LANGUAGE="en"
    ).json()
    return next(row for row in body["results"] if row["key"] == plan.ogp_id)["completion"]


def rated_plan(**report_fields):
    plan = ActionPlanFactory(start_date=datetime.date(2012, 7, 1))
    report = IRMReportFactory(action_plan=plan, **report_fields)
    AssessmentFactory(
        report=report, commitment=CommitmentFactory(action_plan=plan), completion="complete"
    )
    return plan


def test_a_dated_report_that_also_names_its_year_is_not_year_only(api_client):
    plan = rated_plan(published_on=datetime.date(2014, 3, 1), publication_year=2014)
    completion = plan_completion(api_client, plan, as_of="2016-01-01", irm_report="progress")
    [entry] = completion["irm_basis"]["reports"]
    assert entry["year_only"] is False
    assert entry["published_on"] == "2014-03-01" and entry["publication_year"] == 2014
    assert entry["counts_from"] == "2014-03-01"


def test_the_basis_is_described_in_words(api_client):
    plan = rated_plan()
    progress = plan_completion(api_client, plan, as_of="2016-01-01", irm_report="progress")
    assert progress["irm_basis"]["description"] == "the IRM progress report"
    latest = plan_completion(api_client, plan, as_of="2016-01-01")
    assert latest["irm_basis"]["description"] == "the latest published IRM report"


def test_a_report_with_no_date_at_all_counts_today_from_no_day(api_client):
    # Published without a date or a year: it counts for today's figures on its basis, and the
    # answer says it has no day to count from rather than inventing one.
    plan = rated_plan(published_on=None, publication_year=None)
    completion = plan_completion(api_client, plan, irm_report="progress")
    assert completion["irm"]["complete"] == 1
    [entry] = completion["irm_basis"]["reports"]
    assert entry == {
        "kind": "progress",
        "published_on": None,
        "publication_year": None,
        "counts_from": None,
        "year_only": False,
        "commitment_count": 1,
    }
