"""Tracks disagree only when one says substantial or complete and another not started or limited:
one track alone, high or low, disagrees with nobody (the API's `tracks_disagree` filter). The plan
list counts each plan's commitments."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db


def test_tracks_disagree_needs_a_high_and_a_low_level():
    plan = factories.ActionPlanFactory()
    split = factories.CommitmentFactory(
        action_plan=plan, government_completion="complete", irm_completion="limited"
    )
    high = factories.CommitmentFactory(
        action_plan=plan, government_completion="complete", irm_completion="substantial"
    )
    low = factories.CommitmentFactory(
        action_plan=plan, self_reported_completion="not_started", irm_completion="limited"
    )

    def ids(value: str) -> set[str]:
        response = Client().get(
            "/api/v1/commitments/", {"action_plan": plan.ogp_id, "tracks_disagree": value}
        )
        assert response.status_code == 200, response.content
        return {row["ogp_id"] for row in response.json()["results"]}

    assert ids("true") == {split.ogp_id}
    assert ids("false") == {high.ogp_id, low.ogp_id}


def test_the_plan_list_shows_how_many_commitments_each_plan_has():
    member = factories.MemberFactory(name="Perú", code="PER")
    busy = factories.ActionPlanFactory(member=member, number=1)
    factories.CommitmentFactory.create_batch(3, action_plan=busy)
    factories.ActionPlanFactory(member=member, number=2, title="")

    html = Client().get("/plans/", headers={"accept-language": "en"}).content.decode()

    names = re.findall(r'<td class="card-title"><a href="[^"]*">([^<]*)</a>', html)
    # A plan without a title goes by its member, number and years, never its bare id.
    assert names == [busy.title, "Perú · plan 2 (2012-2014)"]

    counts = re.findall(r'data-label="Commitments">(\d+)</td>', html)
    assert counts == ["3", "0"]


def test_a_milestone_not_met_past_its_date_says_not_met():
    milestone = factories.MilestoneFactory(status="not_met", title="Portal en línea")

    html = (
        Client()
        .get(f"/commitments/{milestone.commitment.ogp_id}/", headers={"accept-language": "en"})
        .content.decode()
    )

    assert '<span class="overdue-note">Not met</span>' in html
