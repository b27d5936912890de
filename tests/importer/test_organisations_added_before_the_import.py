"""Organisations an editor added by hand (in the admin: a name, no alternative names) are the ones a
sheet names: matched by their name, not created a second time, and every other spelling of the
sheet that reduces to the same words is recorded as their alternative name and matched too."""

from __future__ import annotations

import pytest

from commitments.models import Commitment, Member, Organization, OrganizationAlias
from tests.factories import OrganizationFactory

from .conftest import run_import
from .test_current_sheet import ROWS

pytestmark = pytest.mark.django_db


def added_by_hand(name: str, slug: str) -> Organization:
    """As the admin saves one: `clean()` sets its normalised name; no alternative names."""
    org = OrganizationFactory.build(name=name, slug=slug, member=Member.objects.get(code="PER"))
    org.clean()
    org.save()
    return org


def test_a_sheet_naming_an_organisation_added_by_hand_is_matched_to_it(client, current_file):
    run_import(current_file([ROWS[0]], name="first.csv"))
    contraloria = added_by_hand("Contraloría General de la República", "cgr")
    before = Organization.objects.count()

    row = {**ROWS[1], "Lead Institution": "  CONTRALORIA general de la República "}
    printed = run_import(current_file([row], name="second.csv"))

    assert "organisations: 0 created, 0 updated, 1 unchanged" in printed
    assert Organization.objects.count() == before
    served = client.get("/api/v1/commitments/PE0075/").json()
    assert served["lead_organization"]["id"] == "cgr"
    org = client.get("/api/v1/organizations/cgr/").json()
    assert org["led_commitment_count"] == 1
    assert Commitment.objects.get(ogp_id="PE0075").lead_organization == contraloria


def test_spellings_without_the_small_words_join_an_organisation_added_by_hand(client, current_file):
    run_import(current_file([ROWS[0]], name="first.csv"))
    contraloria = added_by_hand("Contraloría General de la República", "cgr")
    before = Organization.objects.count()

    rows = [
        {**ROWS[1], "Lead Institution": "Contraloría General de la República"},
        {
            **ROWS[0],
            "Commitment Unique Identifier": "PE0076",
            "Commitment Number": "3",
            "Commitment Title": "Auditoría ciudadana",
            "Lead Institution": "Contraloria  General  República",
            "Supporting Institution(s)": "",
        },
    ]
    run_import(current_file(rows, name="second.csv"))

    assert Organization.objects.count() == before
    for ogp_id in ("PE0075", "PE0076"):
        served = client.get(f"/api/v1/commitments/{ogp_id}/").json()
        assert served["lead_organization"]["id"] == "cgr", ogp_id
    assert client.get("/api/v1/organizations/cgr/").json()["led_commitment_count"] == 2
    # The words-only key is recorded: the next file finds it in the database.
    assert OrganizationAlias.objects.filter(
        organization=contraloria, normalized="contraloria general republica"
    ).exists()


def test_an_imported_organisation_whose_alternative_names_were_removed_is_still_matched(
    client, current_file
):
    run_import(current_file([{**ROWS[0], "Supporting Institution(s)": ""}], name="first.csv"))
    sgp = Organization.objects.get(acronym="SGP")
    # An editor tidies the organisation in the admin, deleting every alternative name.
    OrganizationAlias.objects.filter(organization=sgp).delete()

    row = {**ROWS[1], "Lead Institution": "Secretaría de  Gestión Pública"}
    printed = run_import(current_file([row], name="second.csv"))

    assert "organisations: 0 created, 0 updated, 1 unchanged" in printed
    served = client.get("/api/v1/commitments/PE0075/").json()
    assert served["lead_organization"]["id"] == sgp.slug
