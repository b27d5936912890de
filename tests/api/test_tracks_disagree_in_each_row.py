"""Each commitment row says `tracks_disagree` by the same rule as the `?tracks_disagree=` filter: a
high level (substantial, complete) and a low one (not started, limited) on two tracks; one track
alone, or two high, or two low, disagree with nobody."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_each_row_says_what_the_filter_finds(client):
    plan = factories.ActionPlanFactory()
    cases = {
        "split": {"government_completion": "complete", "irm_completion": "limited"},
        "both_high": {"government_completion": "complete", "irm_completion": "substantial"},
        "both_low": {"self_reported_completion": "not_started", "irm_completion": "limited"},
        "high_alone": {"irm_completion": "complete"},
        "low_alone": {"government_completion": "not_started"},
        "none": {},
    }
    made = {
        name: factories.CommitmentFactory(action_plan=plan, **levels).ogp_id
        for name, levels in cases.items()
    }

    rows = client.get("/api/v1/commitments/", {"action_plan": plan.ogp_id}).json()["results"]
    said = {row["ogp_id"]: row["tracks_disagree"] for row in rows}
    found = {
        row["ogp_id"]
        for row in client.get(
            "/api/v1/commitments/", {"action_plan": plan.ogp_id, "tracks_disagree": "true"}
        ).json()["results"]
    }

    assert {name: said[ogp_id] for name, ogp_id in made.items()} == {
        "split": True,
        "both_high": False,
        "both_low": False,
        "high_alone": False,
        "low_alone": False,
        "none": False,
    }
    assert found == {ogp_id for ogp_id, disagree in said.items() if disagree}
