"""An organisation a sheet creates with a long name ("Ministerio de Justicia y Derechos Humanos
(MINJUS)", a 48-character slug) is reachable by the id the API gives it: its detail and the
commitments filter by organisation both take slugs as long as the importer makes them."""

from __future__ import annotations

import pytest

from commitments.models import Organization

from .conftest import run_import
from .test_current_sheet import ROWS

pytestmark = pytest.mark.django_db

LONGEST = "Comisión Presidencial de Ética Pública, Transparencia y Lucha contra la Corrupción " * 2


@pytest.mark.parametrize(
    "cell",
    [
        "Ministerio de Justicia y Derechos Humanos (MINJUS)",
        f"{LONGEST}(CPEPTLC)",  # the longest slug the importer makes: 100 characters
    ],
)
def test_a_long_named_organisation_is_found_by_the_id_the_api_gives_it(client, current_file, cell):
    run_import(current_file([{**ROWS[1], "Lead Institution": cell}]))

    slug = client.get("/api/v1/commitments/PE0075/").json()["lead_organization"]["id"]
    assert len(slug) > 40

    detail = client.get(f"/api/v1/organizations/{slug}/")
    assert detail.status_code == 200, detail.content
    assert detail.json()["name"] == Organization.objects.get(slug=slug).name
    listed = client.get("/api/v1/commitments/", {"organization": slug})
    assert listed.status_code == 200, listed.content
    assert [c["ogp_id"] for c in listed.json()["results"]] == ["PE0075"]


def test_a_slug_longer_than_any_organisations_is_still_refused(client, current_file):
    too_long = "a" * 121

    assert client.get(f"/api/v1/organizations/{too_long}/").status_code == 404
    assert client.get("/api/v1/commitments/", {"organization": too_long}).status_code == 400
