"""Text searches are accent- and case-blind everywhere: the API's q, the index page, the admin."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitments(db):
    plan = factories.ActionPlanFactory()
    found = factories.CommitmentFactory(
        action_plan=plan, title="Acceso a la información pública", ogp_id="PE0005"
    )
    factories.CommitmentFactory(action_plan=plan, title="Presupuesto participativo")
    return found


@pytest.mark.parametrize("q", ["informacion", "INFORMACIÓN", "información pública", "pe0005"])
def test_the_api_q_finds_a_commitment_whatever_the_accents_and_case(client, commitments, q):
    body = client.get("/api/v1/commitments/", {"q": q}).json()
    assert [row["ogp_id"] for row in body["results"]] == ["PE0005"]


def test_the_commitments_index_page_finds_it_without_accents(client, commitments):
    page = client.get("/commitments/", {"q": "informacion"}).content.decode()
    assert "PE0005" in page and "Presupuesto participativo" not in page


def test_the_admin_search_is_accent_blind_both_ways(client, commitments):
    client.force_login(factories.make_plan_admin(username="planner"))
    org = factories.OrganizationFactory(name="Contraloría General de la República")
    for term in ("Contraloría", "contraloria"):
        page = client.get("/admin/commitments/organization/", {"q": term}).content.decode()
        assert org.name in page, term
    page = client.get("/admin/commitments/commitment/", {"q": "informacion"}).content.decode()
    assert "PE0005" in page
