"""Which commitments an as-of figure counts (`?as_of=` on the commitments list and the stats): from
their plan's start, or without one from its submission year, or with neither always."""

from __future__ import annotations

import datetime

import pytest

from tests.factories import ActionPlanFactory, CommitmentFactory

pytestmark = pytest.mark.django_db

COMMITMENTS = "/api/v1/commitments/"


def counted(api_client, day: str) -> set[str]:
    rows = api_client.get(COMMITMENTS, {"as_of": day, "page_size": 100}).json()["results"]
    return {row["ogp_id"] for row in rows}


@pytest.fixture
def plans() -> dict[str, str]:
    """One commitment per kind of plan, by what the plan says about when it started."""
    kinds = {
        "started": {
            "start_date": datetime.date(2015, 7, 1),
            "end_date": datetime.date(2017, 6, 30),
            "submission_year": 2014,
        },
        "submitted": {"start_date": None, "submission_year": 2015},
        "undated": {"start_date": None, "submission_year": None},
    }
    return {
        kind: CommitmentFactory(action_plan=ActionPlanFactory(**fields)).ogp_id
        for kind, fields in kinds.items()
    }


def test_a_commitment_counts_from_its_plans_start_day_itself(plans, api_client):
    assert plans["started"] not in counted(api_client, "2015-06-30")
    assert plans["started"] in counted(api_client, "2015-07-01")


def test_a_plan_without_a_start_counts_from_the_first_day_of_its_submission_year(plans, api_client):
    assert plans["submitted"] not in counted(api_client, "2014-12-31")
    assert plans["submitted"] in counted(api_client, "2015-01-01")
    # A start date wins over the submission year: submitted in 2014, started mid-2015.
    assert plans["started"] not in counted(api_client, "2015-01-01")


def test_a_plan_with_neither_date_always_counts(plans, api_client):
    assert counted(api_client, "2000-01-01") == {plans["undated"]}
    assert counted(api_client, "2016-01-01") == set(plans.values())
