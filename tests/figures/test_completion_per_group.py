"""Today's completion figures per member, plan, lead organisation, policy area and OGP value (as the
public API gives them) and of every commitment, against the figures world counted by hand
(tests/world.py)."""

from __future__ import annotations

import pytest

from commitments.figures.counting import completion_figures
from commitments.models import Commitment

pytestmark = [pytest.mark.django_db, pytest.mark.world("figures")]

STATS = "/api/v1/stats/completion/"
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


def by_group(api_client, grouping: str) -> dict[str, dict]:
    """group key -> {"irm": counts, "civil_society": counts}, from the stats endpoint."""
    response = api_client.get(STATS, {"group_by": grouping})
    assert response.status_code == 200
    return {
        row["key"]: {
            track: {key: row["completion"][track][key] for key in ZERO}
            for track in ("irm", "civil_society")
        }
        for row in response.json()["results"]
    }


def test_member_figures_match_hand_count(world, api_client):
    assert by_group(api_client, "member") == {
        "AAA": {
            "irm": counts(complete=2, limited=1, no_data=1),
            "civil_society": counts(substantial=1, complete=1, no_data=2),
        },
        "BBB": {
            "irm": counts(not_started=1, withdrawn=1),
            "civil_society": counts(no_data=1, withdrawn=1),
        },
    }


def test_action_plan_figures_match_hand_count(world, api_client):
    by_plan = by_group(api_client, "action_plan")
    assert set(by_plan) == {"AP_AAA01", "AP_AAA02", "AP_BBB01"}
    assert by_plan["AP_AAA01"]["irm"] == counts(complete=1, limited=1, no_data=1)
    assert by_plan["AP_AAA01"]["civil_society"] == counts(substantial=1, no_data=2)
    assert by_plan["AP_AAA02"]["irm"] == counts(complete=1)
    assert by_plan["AP_BBB01"]["civil_society"] == counts(no_data=1, withdrawn=1)


def test_organization_figures_count_led_commitments_only(world, api_client):
    # c3 has no lead organisation: it is in no organisation's figures.
    assert by_group(api_client, "organization") == {
        "org-x": {
            "irm": counts(complete=1, limited=1, not_started=1),
            "civil_society": counts(substantial=1, no_data=2),
        },
        "org-y": {
            "irm": counts(complete=1, withdrawn=1),
            "civil_society": counts(complete=1, withdrawn=1),
        },
    }


def test_policy_area_and_ogp_value_figures_match_hand_count(world, api_client):
    by_area = by_group(api_client, "policy_area")
    assert by_area["water"]["irm"] == counts(complete=1, not_started=1)
    assert by_area["health"]["irm"] == counts(complete=1)
    by_value = by_group(api_client, "ogp_value")
    assert by_value["access_to_information"]["irm"] == counts(complete=1)
    assert by_value["civic_participation"]["irm"] == counts(not_started=1)
    # Values nobody is tagged with still have a row, with zero commitments.
    assert by_value["public_accountability"]["irm"] == ZERO
    assert by_value["technology_innovation"]["civil_society"] == ZERO


def test_every_commitment_is_counted_once_in_the_figures_of_all(world):
    everything = completion_figures(Commitment.objects.all())
    assert everything.irm.counts == counts(
        complete=2, limited=1, no_data=1, not_started=1, withdrawn=1
    )
    assert everything.civil_society.total == 6
