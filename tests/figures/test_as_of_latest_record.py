"""Which record counts as of a day (`?as_of=` on the commitments list and the stats): each voice's
latest status update by as-of date, then by the time it was recorded, and the IRM's latest published
rating, whatever order the rows were inserted in. On PostgreSQL these run the `DISTINCT ON` query,
on SQLite the `ROW_NUMBER()` window (`_latest_per_commitment`); CI runs both."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from commitments.figures import as_of
from commitments.figures.counting import completion_by
from commitments.models import Commitment, StatusUpdate
from commitments.models.vocab import Voice
from tests.factories import (
    ActionPlanFactory,
    AssessmentFactory,
    CommitmentFactory,
    IRMReportFactory,
    StatusUpdateFactory,
)

pytestmark = pytest.mark.django_db

COMMITMENTS = "/api/v1/commitments/"
STATS = "/api/v1/stats/completion/"


def row(api_client, ogp_id: str, **params) -> dict:
    rows = api_client.get(COMMITMENTS, {"page_size": 100, **params}).json()["results"]
    return next(found for found in rows if found["ogp_id"] == ogp_id)


def plan_counts(api_client, plan: str, track: str, **params) -> dict:
    stats = api_client.get(STATS, {"group_by": "action_plan", **params}).json()["results"]
    completion = next(found for found in stats if found["key"] == plan)["completion"]
    return {level: n for level, n in completion[track].items() if isinstance(n, int) and n}


@pytest.fixture
def records() -> dict[str, str]:
    """`backdated`: each voice's update with the later as-of date inserted first, a backdated one
    recorded after it; `same_day`: two updates of one as-of date, the one recorded later inserted
    first; `in_order`: every record inserted in time order, the one that counts last. DISTINCT ON
    with no ORDER BY beyond the commitment would keep whichever row came first."""
    plan = ActionPlanFactory(start_date=datetime.date(2012, 7, 1))
    backdated = CommitmentFactory(action_plan=plan)
    same_day = CommitmentFactory(action_plan=plan)
    in_order = CommitmentFactory(action_plan=plan)
    for voice in (Voice.CIVIL_SOCIETY, Voice.GOVERNMENT):
        StatusUpdateFactory(
            commitment=backdated,
            voice=voice,
            completion="complete",
            as_of=datetime.date(2014, 5, 1),
        )
        StatusUpdateFactory(
            commitment=backdated, voice=voice, completion="limited", as_of=datetime.date(2013, 5, 1)
        )
        later = StatusUpdateFactory(
            commitment=same_day,
            voice=voice,
            completion="substantial",
            as_of=datetime.date(2014, 5, 1),
        )
        earlier = StatusUpdateFactory(
            commitment=same_day,
            voice=voice,
            completion="not_started",
            as_of=datetime.date(2014, 5, 1),
        )
        for level, year in (("not_started", 2013), ("limited", 2014)):
            StatusUpdateFactory(
                commitment=in_order, voice=voice, completion=level, as_of=datetime.date(year, 1, 1)
            )
        recorded = timezone.now()
        StatusUpdate.objects.filter(pk=later.pk).update(recorded_at=recorded)
        StatusUpdate.objects.filter(pk=earlier.pk).update(
            recorded_at=recorded - datetime.timedelta(hours=1)
        )
    end = IRMReportFactory(
        action_plan=plan, kind="end_of_term", published_on=datetime.date(2015, 9, 1)
    )
    AssessmentFactory(report=end, commitment=backdated, completion="complete")
    progress = IRMReportFactory(action_plan=plan, published_on=datetime.date(2014, 3, 1))
    AssessmentFactory(report=progress, commitment=backdated, completion="limited")
    AssessmentFactory(report=progress, commitment=in_order, completion="not_started")
    AssessmentFactory(report=end, commitment=in_order, completion="substantial")
    return {
        "plan": plan.ogp_id,
        "backdated": backdated.ogp_id,
        "same_day": same_day.ogp_id,
        "in_order": in_order.ogp_id,
    }


def test_the_latest_as_of_date_counts_though_a_backdated_update_was_recorded_after_it(
    records, api_client
):
    backdated = row(api_client, records["backdated"], as_of="2014-06-30")
    assert backdated["civil_society"] == {"completion": "complete", "as_of": "2014-05-01"}
    assert backdated["government"] == {"completion": "complete", "as_of": "2014-05-01"}
    # Before the later as-of date, the backdated one counts.
    earlier = row(api_client, records["backdated"], as_of="2014-04-30")
    assert earlier["civil_society"] == {"completion": "limited", "as_of": "2013-05-01"}


def test_of_two_updates_with_one_as_of_date_the_one_recorded_later_counts(records, api_client):
    same_day = row(api_client, records["same_day"], as_of="2014-06-30")
    assert same_day["civil_society"] == {"completion": "substantial", "as_of": "2014-05-01"}
    assert same_day["government"] == {"completion": "substantial", "as_of": "2014-05-01"}


def test_records_inserted_in_time_order_count_the_last(records, api_client):
    in_order = row(api_client, records["in_order"], as_of="2014-06-30")
    assert in_order["civil_society"] == {"completion": "limited", "as_of": "2014-01-01"}
    assert in_order["government"] == {"completion": "limited", "as_of": "2014-01-01"}
    assert (
        row(api_client, records["in_order"], as_of="2016-01-01")["irm_completion"] == "substantial"
    )


def test_the_irms_latest_published_rating_counts_though_inserted_first(records, api_client):
    assert row(api_client, records["backdated"], as_of="2015-01-01")["irm_completion"] == "limited"
    assert row(api_client, records["backdated"], as_of="2016-01-01")["irm_completion"] == "complete"


def test_the_stats_count_each_commitment_once_at_its_latest_level(records, api_client):
    for track in ("civil_society", "government"):
        counts = plan_counts(api_client, records["plan"], track, as_of="2014-06-30")
        assert counts == {"complete": 1, "substantial": 1, "limited": 1}
    irm = plan_counts(api_client, records["plan"], "irm", as_of="2016-01-01")
    assert irm == {"complete": 1, "substantial": 1, "no_data": 1}


def test_without_the_irm_apps_ratings_nobody_is_rated_as_of_a_day(records, api_client, monkeypatch):
    # The fallback for a project without the IRM app (`reviews` registers its ratings at start-up).
    monkeypatch.setattr(as_of, "_irm_latest", None)
    assert row(api_client, records["backdated"], as_of="2016-01-01")["irm_basis"] is None
    irm = plan_counts(api_client, records["plan"], "irm", as_of="2016-01-01")
    assert irm == {"no_data": 3}
    civil_society = plan_counts(api_client, records["plan"], "civil_society", as_of="2016-01-01")
    assert civil_society == {"complete": 1, "substantial": 1, "limited": 1}


def test_an_unknown_irm_report_is_refused_naming_the_known_ones(records):
    with pytest.raises(ValueError) as refused:
        completion_by(
            Commitment.objects.all(), "action_plan", day=datetime.date(2016, 1, 1), irm_report="x"
        )
    assert str(refused.value) == (
        "Unknown IRM report 'x'; use one of latest, progress, end_of_term."
    )
