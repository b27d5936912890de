"""What an Explorer row's own cells become on the commitment (issue 17): its cluster (the sheet's
`None`, in any case, is no cluster), its OGP values, its contact columns and the person and email
a supporting cell holds, and its supporting institutions, as the API serves them (contacts, which
the API does not serve, as stored)."""

from __future__ import annotations

import pytest

from commitments.models import Commitment

from .conftest import run_import

pytestmark = pytest.mark.django_db


def served(client, n: int) -> dict:
    return client.get(f"/api/v1/commitments/PE-P{n:04d}/").json()


def test_the_sheets_none_in_any_case_is_no_cluster_and_a_named_cluster_is_kept(
    client, explorer_file
):
    cells = {
        0: {"Cluster": "None"},
        1: {"Cluster": " NONE "},
        2: {"Cluster": "Increasing<br/>public integrity"},
    }
    run_import(explorer_file(country="Peru", limit=3, edits=cells))

    clusters = [served(client, n)["cluster"] for n in (1, 2, 3)]
    assert clusters == ["", "", "Increasing public integrity"]


def test_the_value_columns_are_the_commitments_ogp_values(client, explorer_file):
    cells = {"Value -Info": "0", "Value -Part": "1.0", "Value -Acc": " 1 ", "Value -Tech": "NR"}
    run_import(explorer_file(country="Peru", limit=1, edits={0: cells}))

    assert served(client, 1)["ogp_values"] == ["civic_participation", "public_accountability"]


def test_the_contact_columns_and_a_supporting_cells_contact_become_the_commitments_contact(
    client, explorer_file
):
    cells = {
        "Contact Name": "NR",
        "Contact Email": " jperez@pcm.gob.pe ",
        "Contact Telephone": "(01) 219-7000 anexo 2020",
        "Supporting Institution(s)": "Defensoría del Pueblo; Contacto: rgarcia@defensoria.gob.pe",
    }
    run_import(explorer_file(country="Peru", limit=1, edits={0: cells}))

    commitment = Commitment.objects.get(ogp_id="PE-P0001")
    assert commitment.contact_email == "jperez@pcm.gob.pe; rgarcia@defensoria.gob.pe"
    assert commitment.contact_phone == "(01) 219-7000 anexo 2020"
    supporting = served(client, 1)["supporting_organizations"]
    assert [o["name"] for o in supporting] == ["Defensoría del Pueblo"]
