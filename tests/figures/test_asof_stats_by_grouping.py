"""/api/v1/stats/completion/?as_of= for every group_by it accepts: the figures of that day, not
today's, as an anonymous visitor reads them (in particular group_by=ogp_value, whose four boolean
columns take their own path through counting.completion_by)."""

from __future__ import annotations

import datetime

import pytest

from commitments.figures.counting import GROUPINGS
from commitments.models import Commitment
from commitments.models.vocab import FIGURE_KEYS
from commitments.services import refresh_status
from reviews.services import refresh_irm_summary
from tests.factories import AssessmentFactory, IRMReportFactory, StatusUpdateFactory

pytestmark = [pytest.mark.django_db, pytest.mark.world("figures")]

STATS = "/api/v1/stats/completion/"
AS_OF = "2014-06-01"  # after P1's progress report, before every other record below
ZERO = dict.fromkeys(FIGURE_KEYS, 0)  # every level the answer counts, and no_data


@pytest.fixture
def history(world):
    """Dated records for the figures world (every plan started 2012-01-01), with today's cached
    levels refreshed from them as the real writes do:

    c1  civil limited 2013-06-01, substantial 2015-06-01; IRM complete (P1 progress, 2014-03-01),
        substantial (P1 end-of-term, 2015-09-01)
    c2  IRM limited (P1 progress, 2014-03-01)
    c4  civil complete 2014-09-01; IRM complete (P2 progress, 2014-09-01)
    c5  IRM not_started (P3 progress, 2014-09-01)
    c6  civil withdrawn 2014-09-01; IRM withdrawn (P3 progress, 2014-09-01)
    c3  nothing
    """
    c = world.commitments
    later = datetime.date(2014, 9, 1)
    for commitment, completion, as_of in (
        (c["c1"], "limited", datetime.date(2013, 6, 1)),
        (c["c1"], "substantial", datetime.date(2015, 6, 1)),
        (c["c4"], "complete", later),
        (c["c6"], "withdrawn", later),
    ):
        StatusUpdateFactory(commitment=commitment, completion=completion, as_of=as_of)
    p1_progress = IRMReportFactory(
        action_plan=world.plans["P1"], published_on=datetime.date(2014, 3, 1)
    )
    p1_end = IRMReportFactory(
        action_plan=world.plans["P1"], kind="end_of_term", published_on=datetime.date(2015, 9, 1)
    )
    p2_progress = IRMReportFactory(action_plan=world.plans["P2"], published_on=later)
    p3_progress = IRMReportFactory(action_plan=world.plans["P3"], published_on=later)
    for report, commitment, completion in (
        (p1_progress, c["c1"], "complete"),
        (p1_progress, c["c2"], "limited"),
        (p1_end, c["c1"], "substantial"),
        (p2_progress, c["c4"], "complete"),
        (p3_progress, c["c5"], "not_started"),
        (p3_progress, c["c6"], "withdrawn"),
    ):
        AssessmentFactory(report=report, commitment=commitment, completion=completion)
    refresh_irm_summary(Commitment.objects.values_list("pk", flat=True))
    for commitment in c.values():
        refresh_status(commitment, "civil_society")
    return world


def figures(irm: dict[str, int], civil: dict[str, int]) -> dict[str, dict[str, int]]:
    return {"irm": {**ZERO, **irm}, "civil_society": {**ZERO, **civil}}


NOTHING = figures({}, {})

# group_by -> ({key: figures on AS_OF}, {key: today's figures}), counted by hand from `history`.
EXPECTED: dict[str, tuple[dict, dict]] = {
    "ogp_value": (
        {
            "access_to_information": figures({"complete": 1}, {"limited": 1}),  # c1
            "civic_participation": figures({"no_data": 1}, {"no_data": 1}),  # c5
            "public_accountability": NOTHING,
            "technology_innovation": NOTHING,
        },
        {
            "access_to_information": figures({"substantial": 1}, {"substantial": 1}),
            "civic_participation": figures({"not_started": 1}, {"no_data": 1}),
            "public_accountability": NOTHING,
            "technology_innovation": NOTHING,
        },
    ),
    "member": (
        {
            "AAA": figures(  # c1 to c4
                {"complete": 1, "limited": 1, "no_data": 2}, {"limited": 1, "no_data": 3}
            ),
            "BBB": figures({"no_data": 2}, {"no_data": 2}),  # c5, c6
        },
        {
            "AAA": figures(
                {"substantial": 1, "limited": 1, "complete": 1, "no_data": 1},
                {"substantial": 1, "complete": 1, "no_data": 2},
            ),
            "BBB": figures({"not_started": 1, "withdrawn": 1}, {"withdrawn": 1, "no_data": 1}),
        },
    ),
    "action_plan": (
        {
            "AP_AAA01": figures(  # c1, c2, c3
                {"complete": 1, "limited": 1, "no_data": 1}, {"limited": 1, "no_data": 2}
            ),
            "AP_AAA02": figures({"no_data": 1}, {"no_data": 1}),  # c4
            "AP_BBB01": figures({"no_data": 2}, {"no_data": 2}),  # c5, c6
        },
        {
            "AP_AAA01": figures(
                {"substantial": 1, "limited": 1, "no_data": 1}, {"substantial": 1, "no_data": 2}
            ),
            "AP_AAA02": figures({"complete": 1}, {"complete": 1}),
            "AP_BBB01": figures({"not_started": 1, "withdrawn": 1}, {"withdrawn": 1, "no_data": 1}),
        },
    ),
    "organization": (
        {
            "org-x": figures(  # c1, c2, c5 (c3 has no lead organisation)
                {"complete": 1, "limited": 1, "no_data": 1}, {"limited": 1, "no_data": 2}
            ),
            "org-y": figures({"no_data": 2}, {"no_data": 2}),  # c4, c6
        },
        {
            "org-x": figures(
                {"substantial": 1, "limited": 1, "not_started": 1},
                {"substantial": 1, "no_data": 2},
            ),
            "org-y": figures({"complete": 1, "withdrawn": 1}, {"complete": 1, "withdrawn": 1}),
        },
    ),
    "policy_area": (
        {
            "water": figures({"complete": 1, "no_data": 1}, {"limited": 1, "no_data": 1}),  # c1, c5
            "health": figures({"complete": 1}, {"limited": 1}),  # c1
        },
        {
            "water": figures(
                {"substantial": 1, "not_started": 1}, {"substantial": 1, "no_data": 1}
            ),
            "health": figures({"substantial": 1}, {"substantial": 1}),
        },
    ),
}


def stats(api_client, grouping: str, **params: str) -> dict[str, dict]:
    """group key -> its IRM and civil-society counts, from the public stats endpoint."""
    response = api_client.get(STATS, {"group_by": grouping, **params})
    assert response.status_code == 200
    body = response.json()
    assert body["group_by"] == grouping
    assert body.get("as_of") == params.get("as_of")
    return {
        row["key"]: {
            track: {key: row["completion"][track][key] for key in ZERO}
            for track in ("irm", "civil_society")
        }
        for row in body["results"]
    }


def test_every_grouping_the_stats_endpoint_accepts_has_an_as_of_case():
    assert set(EXPECTED) == set(GROUPINGS)


@pytest.mark.parametrize("grouping", sorted(EXPECTED))
def test_as_of_figures_per_group_are_that_days_and_without_it_todays(history, api_client, grouping):
    on_the_day, today = EXPECTED[grouping]
    assert stats(api_client, grouping, as_of=AS_OF) == on_the_day
    assert stats(api_client, grouping) == today


def test_as_of_by_ogp_value_before_any_plan_started_counts_no_commitments(history, api_client):
    response = api_client.get(STATS, {"group_by": "ogp_value", "as_of": "2011-06-01"})
    rows = {row["key"]: row["commitment_count"] for row in response.json()["results"]}
    assert rows == dict.fromkeys(EXPECTED["ogp_value"][0], 0)
