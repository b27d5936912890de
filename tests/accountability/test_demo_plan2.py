"""The Peru demo's second plan shows the warnings its known facts call for."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from commitments.models import ActionPlan, IndicatorReading, PlanProcess, Proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db) -> ActionPlan:
    call_command("load_demo", stdout=io.StringIO())
    return ActionPlan.objects.get(ogp_id="AP_PER02")


def test_plan_two_carries_the_known_facts(demo):
    assert (demo.start_date.isoformat(), demo.approval_date.isoformat()) == (
        "2015-01-01",
        "2015-07-01",
    )
    proposal = Proposal.objects.get(action_plan=demo, priority=True)
    assert proposal.outcome == "dropped" and proposal.government_response == ""
    assert "independiente" in proposal.title
    assert demo.process.office_level == PlanProcess.OfficeLevel.MID_LEVEL
    assert list(demo.process.responsible_organizations.values_list("acronym", flat=True)) == ["SGP"]
    # Every commitment of plan 2 is a sample and says so.
    assert all("muestra" in c.title for c in demo.commitments.all())


def test_plan_two_warnings_are_visible_in_the_api(demo, api_client):
    body = api_client.get(f"/api/v1/action-plans/{demo.ogp_id}/warnings/").json()
    warnings = {w["code"]: w for w in body["warnings"]}
    assert warnings["retroactive_approval"]["facts"]["gap_days"] == 181
    assert warnings["single_office"]["facts"]["offices"] == ["Secretaría de Gestión Pública"]
    assert (
        warnings["priority_proposals_dropped"]["facts"]["proposals"][0]["reasoned_response"]
        is False
    )
    assert {"commitments_without_milestone", "commitments_without_indicator"} <= set(warnings)
    assert body["proposals"]["dropped"] == 1 and body["proposals"]["altered"] == 1


def test_loading_the_demo_twice_changes_nothing(demo):
    counts = (
        IndicatorReading.objects.count(),
        Proposal.history.count(),
        PlanProcess.history.count(),
        ActionPlan.history.count(),
    )
    call_command("load_demo", stdout=io.StringIO())
    assert (
        IndicatorReading.objects.count(),
        Proposal.history.count(),
        PlanProcess.history.count(),
        ActionPlan.history.count(),
    ) == counts
