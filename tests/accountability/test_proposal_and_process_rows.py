"""Proposals and plan processes are declared by their serializers (`RowShape`): their JSON keys
and CSV header come out in the declared order, the computed values (id, proposers, left out,
responsible offices) in place, the IRM's `irm_*` columns under their public names."""

from __future__ import annotations

import csv
import datetime
import io

import pytest

from tests import factories
from tests.factories import ProposalFactory, make_process

pytestmark = pytest.mark.django_db
API = "/api/v1"

PROPOSAL_KEYS = [
    "id",
    "action_plan",
    "title",
    "text",
    "proposers",
    "by_civil_society",
    "proposed_on",
    "priority",
    "outcome",
    "left_out",
    "resulting_commitment",
    "government_response",
    "response_date",
    "source",
    "updated_at",
]
PROCESS_KEYS = [
    "action_plan",
    "responsible_offices",
    "office_level",
    "political_endorsement",
    "development_level",
    "development_level_label",
    "development_participation",
    "implementation_level",
    "implementation_level_label",
    "implementation_participation",
    "regular_forum",
    "timeline_available",
    "advance_notice",
    "days_in_advance",
    "awareness_raising",
    "online_consultation",
    "in_person_consultation",
    "summary_of_comments",
    "steps_followed",
    "multi_agency",
    "updated_at",
]


def _csv(api_client, url: str) -> tuple[list[str], list[dict]]:
    text = api_client.get(url, {"format": "csv"}).content.decode()
    header = next(csv.reader(io.StringIO(text)))
    return header, list(csv.DictReader(io.StringIO(text)))


def test_a_proposal_row_keeps_its_declared_order_and_computed_values(api_client):
    plan = factories.ActionPlanFactory(ogp_id="AP_XYZ01")
    commitment = factories.CommitmentFactory(action_plan=plan, ogp_id="XY0001")
    b = factories.OrganizationFactory(slug="b-org", name="Beta")
    a = factories.OrganizationFactory(slug="a-org", name="Alfa")
    merged = ProposalFactory(
        action_plan=plan,
        title="Open budgets",
        outcome="merged",
        resulting_commitment=commitment,
        proposed_on=datetime.date(2015, 2, 3),
        proposers=[b, a],
    )
    dropped = ProposalFactory(action_plan=plan, outcome="dropped", priority=True)

    rows = api_client.get(f"{API}/proposals/", {"action_plan": "AP_XYZ01"}).json()["results"]
    assert [list(row) for row in rows] == [PROPOSAL_KEYS] * 2
    first, second = rows  # priority first
    assert (first["id"], first["left_out"], first["proposers"]) == (dropped.pk, True, [])
    assert second["id"] == merged.pk and second["left_out"] is False
    assert second["proposers"] == [{"id": "a-org", "name": "Alfa"}, {"id": "b-org", "name": "Beta"}]
    assert (second["action_plan"], second["resulting_commitment"]) == ("AP_XYZ01", "XY0001")
    assert second["proposed_on"] == "2015-02-03"
    assert api_client.get(f"{API}/proposals/{merged.pk}/").json() == second

    header, lines = _csv(api_client, f"{API}/proposals/")
    assert header[:4] == PROPOSAL_KEYS[:4] and header[-1] == "updated_at"
    assert lines[1]["proposers.name"] == "Alfa; Beta" and lines[1]["left_out"] == "false"


def test_a_plan_process_row_names_the_irm_columns_publicly_in_declared_order(api_client):
    plan = factories.ActionPlanFactory(ogp_id="AP_XYZ01")
    office = factories.OrganizationFactory(slug="pcm", name="PCM")
    make_process(
        plan,
        [office],
        office_level="mid_level",
        irm_development_level="involve",
        irm_days_in_advance=14,
        irm_multi_agency=False,
    )

    row = api_client.get(f"{API}/plan-processes/AP_XYZ01/").json()
    assert list(row) == PROCESS_KEYS
    assert row["responsible_offices"] == [{"id": "pcm", "name": "PCM"}]
    assert (row["development_level"], row["days_in_advance"]) == ("involve", 14)
    assert (row["multi_agency"], row["regular_forum"]) == (False, None)

    header, lines = _csv(api_client, f"{API}/plan-processes/")
    assert header == [
        "action_plan",
        "responsible_offices.id",
        "responsible_offices.name",
        *PROCESS_KEYS[2:],
    ]
    assert (lines[0]["development_level"], lines[0]["days_in_advance"]) == ("involve", "14")
