"""Spanish writes "cocreación" one way, as the RAE and OGP's Spanish pages do: until 8 December a
plan's page said "Registro de la co-creación" above "No hay ninguna propuesta registrada de la
cocreación del plan.", and the admin listed "Propuestas de co-creación"."""

from __future__ import annotations

import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db


def test_plan_page_and_admin_say_cocreacion_without_a_hyphen(world):
    visitor = Client(HTTP_ACCEPT_LANGUAGE="es")
    plan_page = visitor.get(f"/plans/{world.plan.ogp_id}/").content.decode()
    assert "Registro de la cocreación" in plan_page
    assert "co-creación" not in plan_page

    admin = Client(HTTP_ACCEPT_LANGUAGE="es")
    admin.force_login(factories.make_plan_admin(username="otra"))
    index = admin.get("/admin/").content.decode()
    assert "Propuestas de cocreación" in index
    assert "co-creación" not in index

    docs = visitor.get("/api/schema/").content.decode()
    assert "co-creación" not in docs
