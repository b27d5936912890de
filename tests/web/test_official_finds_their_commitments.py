"""A responsible official finds the commitments they record the government's self-assessment on:
until 8 December the header offered them "My commitments" (they may post status updates) and the
page answered 403 "This page is for civil-society editors.", so the demo `official` had no way
from the site to the form but typing a commitment's address."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db


def test_official_lists_the_commitments_their_organisation_leads_with_the_form(client, world):
    lead = factories.OrganizationFactory(name="Secretaría de Gestión Pública")
    led = factories.CommitmentFactory(action_plan=world.plan, lead_organization=lead)
    co_led = factories.CommitmentFactory(action_plan=world.plan)
    co_led.co_lead_organizations.add(lead)
    client.force_login(factories.make_official(lead, username="funcionaria"))

    home = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'href="/my/commitments/"' in home
    response = client.get("/my/commitments/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Commitments my organisation leads" in html
    assert "You record the government's self-assessment for Secretaría de Gestión Pública." in html
    for commitment in (led, co_led):
        assert f'href="/commitments/{commitment.ogp_id}/report/"' in html
        assert client.get(f"/commitments/{commitment.ogp_id}/report/").status_code == 200
    assert world.commitment.title not in html  # monitored by civil society, led by no one here


def test_official_page_in_spanish(client, world):
    lead = factories.OrganizationFactory(name="Secretaría de Gestión Pública")
    factories.CommitmentFactory(action_plan=world.plan, lead_organization=lead)
    client.force_login(factories.make_official(lead, username="funcionaria"))
    html = client.get("/my/commitments/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Compromisos que lidera mi organización" in html
    assert (
        "Usted registra la autoevaluación del gobierno por Secretaría de Gestión Pública." in html
    )


def test_official_list_query_count_does_not_grow_with_commitments(client, world):
    lead = factories.OrganizationFactory()
    factories.CommitmentFactory(action_plan=world.plan, lead_organization=lead)
    client.force_login(factories.make_official(lead, username="funcionaria"))

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/my/commitments/").status_code == 200
        return len(ctx.captured_queries)

    one = queries()
    for _ in range(9):
        factories.CommitmentFactory(
            action_plan=factories.ActionPlanFactory(), lead_organization=lead
        )
    assert queries() == one


def test_researchers_still_have_no_such_page_nor_link(client, world):
    client.force_login(world.researcher)
    assert 'href="/my/commitments/"' not in client.get("/").content.decode()
    assert client.get("/my/commitments/").status_code == 403


def test_an_official_logging_in_lands_on_their_commitments(client, world):
    official = factories.make_official(username="funcionaria")
    official.set_password("una clave larga 2026")
    official.save()
    response = client.post(
        "/accounts/login/", {"username": "funcionaria", "password": "una clave larga 2026"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/my/commitments/"
