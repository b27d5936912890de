"""A commitment row as of a day (`/api/v1/commitments/?as_of=`, and its CSV): each track's level with
the day it dates from, and the IRM report it comes from, or none."""

from __future__ import annotations

import datetime

import pytest

from commitments.figures.as_of import register_irm_level_as_of
from commitments.models.vocab import Voice
from reviews.figures import irm_change_dates, irm_ratings
from tests.factories import (
    ActionPlanFactory,
    AssessmentFactory,
    CommitmentFactory,
    IRMReportFactory,
    StatusUpdateFactory,
)

pytestmark = pytest.mark.django_db

COMMITMENTS = "/api/v1/commitments/"


@pytest.fixture
def commitments() -> dict[str, str]:
    """`rated`: civil society's and the government's status updates and an IRM rating, each
    followed by a later one; `unrated`: nothing at all."""
    plan = ActionPlanFactory(start_date=datetime.date(2012, 7, 1))
    rated = CommitmentFactory(action_plan=plan)
    unrated = CommitmentFactory(action_plan=plan)
    for voice, level, later in (
        (Voice.CIVIL_SOCIETY, "limited", "complete"),
        (Voice.GOVERNMENT, "substantial", "complete"),
    ):
        StatusUpdateFactory(
            commitment=rated, voice=voice, completion=level, as_of=datetime.date(2013, 5, 2)
        )
        StatusUpdateFactory(
            commitment=rated, voice=voice, completion=later, as_of=datetime.date(2015, 1, 1)
        )
    progress = IRMReportFactory(action_plan=plan, published_on=datetime.date(2014, 3, 1))
    AssessmentFactory(report=progress, commitment=rated, completion="limited")
    end = IRMReportFactory(
        action_plan=plan, kind="end_of_term", published_on=datetime.date(2015, 9, 1)
    )
    AssessmentFactory(report=end, commitment=rated, completion="complete")
    return {"rated": rated.ogp_id, "unrated": unrated.ogp_id}


def row(api_client, ogp_id: str, **params) -> dict:
    rows = api_client.get(COMMITMENTS, {"page_size": 100, **params}).json()["results"]
    return next(found for found in rows if found["ogp_id"] == ogp_id)


def test_each_track_gives_that_days_level_and_the_day_it_dates_from(commitments, api_client):
    rated = row(api_client, commitments["rated"], as_of="2014-06-30")
    assert rated["civil_society"] == {"completion": "limited", "as_of": "2013-05-02"}
    assert rated["government"] == {"completion": "substantial", "as_of": "2013-05-02"}
    assert rated["irm_completion"] == "limited"
    assert rated["irm_basis"] == {
        "kind": "progress",
        "published_on": "2014-03-01",
        "publication_year": None,
        "counts_from": "2014-03-01",
        "year_only": False,
    }


def test_a_commitment_nobody_rated_has_no_irm_report(commitments, api_client):
    unrated = row(api_client, commitments["unrated"], as_of="2016-01-01")
    assert unrated["irm_basis"] is None and unrated["irm_completion"] is None
    assert unrated["government"] == {"completion": None, "as_of": None}


def test_the_irm_app_registers_the_ratings_the_as_of_figures_count(commitments, api_client):
    # What ReviewsConfig.ready() does at start-up, done again where a test can see it.
    register_irm_level_as_of(irm_ratings, irm_change_dates)
    rated = row(api_client, commitments["rated"], as_of="2016-01-01")
    assert rated["irm_completion"] == "complete"
    assert rated["irm_basis"]["kind"] == "end_of_term"
