"""An organisation a sheet creates: its slug (the API's id and the page's address) made of its name
and acronym, its kind read from the acronym when the name alone says nothing, and each spelling the
sheet used recorded as an alternative name (shown in the admin, searched by the next import), each
named as the sheet wrote it: the whole spelling, the name without the acronym, the acronym."""

from __future__ import annotations

import pytest

from commitments.models import OrganizationAlias

from .conftest import run_import
from .test_current_sheet import ROWS

pytestmark = pytest.mark.django_db


def test_a_new_organisations_slug_holds_its_name_and_acronym(client, current_file):
    run_import(current_file([{**ROWS[0], "Supporting Institution(s)": ""}]))

    served = client.get("/api/v1/commitments/PE0074/").json()["lead_organization"]
    assert served["id"] == "secretaria-de-gestion-publica-sgp"
    org = client.get("/api/v1/organizations/secretaria-de-gestion-publica-sgp/").json()
    assert (org["name"], org["acronym"]) == ("Secretaría de Gestión Pública", "SGP")


def test_an_acronym_alone_tells_the_kind(client, current_file):
    cell = "Deutsche Gesellschaft für Internationale Zusammenarbeit  (GIZ) ;  Ministerio de Salud"
    run_import(current_file([{**ROWS[0], "Supporting Institution(s)": cell}]))

    served = client.get("/api/v1/organizations/", {"member": "PER"}).json()["results"]
    kinds = {o["acronym"] or o["name"]: o["kind"] for o in served}
    assert kinds["GIZ"] == "international"
    assert kinds["Ministerio de Salud"] == "government"


def test_every_spelling_is_recorded_under_the_name_the_sheet_wrote(current_file):
    rows = [
        {
            **ROWS[0],
            "Lead Institution": "  Secretaría de Gestión   Pública (SGP)",
            "Supporting Institution(s)": "Secretaria de la Gestión Pública (SGP), ",
        }
    ]
    run_import(current_file(rows))

    aliases = sorted(OrganizationAlias.objects.values_list("normalized", "name"))
    assert aliases == [
        ("secretaria de gestion publica", "Secretaría de Gestión Pública"),
        ("secretaria de gestion publica (sgp)", "Secretaría de Gestión Pública (SGP)"),
        ("secretaria de la gestion publica", "Secretaria de la Gestión Pública"),
        ("secretaria de la gestion publica (sgp)", "Secretaria de la Gestión Pública (SGP)"),
        # The words-only key has no spelling of its own: it is named by the key.
        ("secretaria gestion publica", "secretaria gestion publica"),
        ("sgp", "SGP"),
    ]
