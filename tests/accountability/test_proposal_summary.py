"""What became of civil society's proposals, per plan, as the plan-warnings API serves it."""

from __future__ import annotations

import pytest

from tests import factories
from tests.factories import ProposalFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"


def proposals_of(api_client, plan) -> dict:
    response = api_client.get(f"{API}/action-plans/{plan.ogp_id}/warnings/")
    assert response.status_code == 200
    return response.json()["proposals"]


def test_every_outcome_and_every_priority_is_counted_once(api_client):
    plan = factories.ActionPlanFactory()
    counts = {"adopted": 3, "merged": 2, "altered": 1, "dropped": 4, "unanswered": 5}
    merged_into = {"resulting_commitment": factories.CommitmentFactory(action_plan=plan)}
    for outcome, n in counts.items():
        extra = merged_into if outcome == "merged" else {}
        ProposalFactory.create_batch(n, action_plan=plan, outcome=outcome, **extra)
    kept = ProposalFactory(
        action_plan=plan, outcome="merged", priority=True, title="Kept", **merged_into
    )
    dropped = ProposalFactory(action_plan=plan, outcome="dropped", priority=True, title="Gone")
    silent = ProposalFactory(action_plan=plan, outcome="unanswered", priority=True, title="Unheard")
    # The government's own ideas are not civil society's proposals; another plan's are not this one's.
    ProposalFactory(action_plan=plan, by_civil_society=False, priority=True, outcome="dropped")
    ProposalFactory(outcome="dropped", priority=True)
    summary = proposals_of(api_client, plan)
    assert summary == {
        "total": 18,
        "adopted": 3,
        "merged": 3,
        "altered": 1,
        "dropped": 5,
        "unanswered": 6,
        "priority": 3,
        "priority_left_out": 2,
        "priority_proposals": [
            {"id": kept.pk, "title": "Kept", "outcome": "merged", "left_out": False},
            {"id": dropped.pk, "title": "Gone", "outcome": "dropped", "left_out": True},
            {"id": silent.pk, "title": "Unheard", "outcome": "unanswered", "left_out": True},
        ],
    }


def test_a_plan_without_proposals_has_an_empty_summary(api_client):
    plan = factories.ActionPlanFactory()
    ProposalFactory(by_civil_society=False, action_plan=plan)
    assert proposals_of(api_client, plan) == {
        "total": 0,
        "adopted": 0,
        "merged": 0,
        "altered": 0,
        "dropped": 0,
        "unanswered": 0,
        "priority": 0,
        "priority_left_out": 0,
        "priority_proposals": [],
    }


def test_each_plan_in_the_list_gets_its_own_summary(api_client):
    member = factories.MemberFactory()
    first, second = factories.ActionPlanFactory.create_batch(2, member=member)
    ProposalFactory(action_plan=first, outcome="dropped", priority=True, title="First's")
    ProposalFactory.create_batch(2, action_plan=second, outcome="adopted")
    rows = api_client.get(f"{API}/plan-warnings/", {"member": member.code}).json()["results"]
    summaries = {row["action_plan"]: row["proposals"] for row in rows}
    assert summaries[first.ogp_id]["total"] == 1
    assert [p["title"] for p in summaries[first.ogp_id]["priority_proposals"]] == ["First's"]
    assert summaries[second.ogp_id]["adopted"] == 2
    assert summaries[second.ogp_id]["priority_proposals"] == []
