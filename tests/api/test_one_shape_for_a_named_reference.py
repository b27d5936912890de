"""A reference to an organisation or a policy area ({id, name}) has one shape in the API docs,
`NamedRef`, wherever it appears (a commitment's organisations, a proposal's proposers, a
consultation's participants, a plan's responsible offices), and each answer is as before."""

from __future__ import annotations

import pytest

from commitments.models import Organization
from tests import factories
from tests.factories import ConsultationEventFactory, ProposalFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"


def _ref(spec: dict) -> str | None:
    target = spec.get("items", spec)
    ref = target.get("$ref") or next(
        (item["$ref"] for item in target.get("allOf", []) if "$ref" in item), None
    )
    return ref.rsplit("/", 1)[1] if ref else None


def test_the_docs_have_one_shape_for_a_named_reference(client):
    components = client.get("/api/schema/?format=json").json()["components"]["schemas"]
    named = [
        name
        for name, component in components.items()
        if set(component.get("properties", {})) == {"id", "name"}
    ]
    assert named == ["NamedRef"]
    assert components["NamedRef"]["required"] == ["id", "name"]
    assert all(p.get("description") for p in components["NamedRef"]["properties"].values())
    refs = {
        _ref(components["Proposal"]["properties"]["proposers"]),
        _ref(components["ConsultationEvent"]["properties"]["participants"]),
        _ref(components["PlanProcess"]["properties"]["responsible_offices"]),
        _ref(components["PublicCommitment"]["properties"]["supporting_organizations"]),
    }
    assert refs == {"NamedRef"}


def test_a_proposals_proposers_read_as_before(api_client):
    plan = factories.ActionPlanFactory()
    org = factories.OrganizationFactory(
        slug="foro-ciudadano", name="Foro Ciudadano", kind=Organization.Kind.CIVIL_SOCIETY
    )
    ProposalFactory(action_plan=plan, proposers=[org])
    event = ConsultationEventFactory(action_plan=plan)
    event.participants.add(org)

    (proposal,) = api_client.get(f"{API}/proposals/", {"action_plan": plan.ogp_id}).json()[
        "results"
    ]
    assert proposal["proposers"] == [{"id": "foro-ciudadano", "name": "Foro Ciudadano"}]
    (consultation,) = api_client.get(
        f"{API}/consultation-events/", {"action_plan": plan.ogp_id}
    ).json()["results"]
    assert consultation["participants"] == [{"id": "foro-ciudadano", "name": "Foro Ciudadano"}]
