"""Someone who is both a civil-society editor and a responsible official (one organisation that
monitors some commitments and leads others) finds on "My commitments" every commitment they may
report on: the ones it leads and the ones it monitors, each with its form, in the voice of their
role there."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.roles import OFFICIAL
from tests import factories

pytestmark = pytest.mark.django_db


def _both_roles(organization, username: str = "ambas"):
    user = factories.make_editor(organization, username=username)
    user.groups.add(Group.objects.get(name=OFFICIAL))
    return user


def test_a_user_with_both_roles_sees_what_they_lead_and_what_they_monitor(client, world):
    organization = factories.OrganizationFactory(name="Oficina de Integridad")
    led = factories.CommitmentFactory(action_plan=world.plan, lead_organization=organization)
    monitored = factories.CommitmentFactory(action_plan=world.plan)
    monitored.monitoring_organizations.add(organization)
    client.force_login(_both_roles(organization))

    response = client.get("/my/commitments/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    html = response.content.decode()
    for commitment in (led, monitored):
        assert f'href="/commitments/{commitment.ogp_id}/report/"' in html
        assert client.get(f"/commitments/{commitment.ogp_id}/report/").status_code == 200
    assert "You record the government's self-assessment for Oficina de Integridad." in html
    assert "You report for Oficina de Integridad." in html
    assert f'href="/commitments/{world.commitment.ogp_id}/report/"' not in html


def test_the_page_for_both_roles_in_spanish(client, world):
    organization = factories.OrganizationFactory(name="Oficina de Integridad")
    client.force_login(_both_roles(organization))
    html = client.get("/my/commitments/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "<h1>Mis compromisos</h1>" in html
    assert "Usted registra la autoevaluación del gobierno por Oficina de Integridad." in html
    assert "Usted reporta por Oficina de Integridad." in html


def test_the_page_for_both_roles_keeps_its_query_count_as_commitments_grow(client, world):
    organization = factories.OrganizationFactory()
    factories.CommitmentFactory(action_plan=world.plan, lead_organization=organization)
    factories.CommitmentFactory(action_plan=world.plan).monitoring_organizations.add(organization)
    client.force_login(_both_roles(organization))

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/my/commitments/").status_code == 200
        return len(ctx.captured_queries)

    two = queries()
    for _ in range(9):
        plan = factories.ActionPlanFactory()
        factories.CommitmentFactory(action_plan=plan, lead_organization=organization)
        factories.CommitmentFactory(action_plan=plan).monitoring_organizations.add(organization)
    assert queries() == two
