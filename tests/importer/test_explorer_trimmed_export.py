"""An Explorer export trimmed of the columns the importer can do without (issue 17): the contact
columns and "Year of submission". It imports; the contact is what the institution cells hold and
the plan's submission year is unknown."""

from __future__ import annotations

import pytest

from commitments.models import Commitment

from .conftest import explorer_rows, run_import, write_csv

pytestmark = pytest.mark.django_db

CONTACT_COLUMNS = ("Contact Name", "Contact Position", "Contact Email", "Contact Telephone")
DROPPED = {*CONTACT_COLUMNS, "Year of submission"}


def test_an_export_without_contact_or_submission_columns_imports(client, tmp_path):
    numbers, names, rows = explorer_rows()
    peru = [r for r in rows if r[0] == "Peru"][:1]
    peru[0][names.index("Lead Institution")] = (
        "Secretaría de Gestión Pública (SGP) - sgp@pcm.gob.pe"
    )
    kept = [i for i, name in enumerate(names) if name not in DROPPED]
    path = write_csv(
        tmp_path / "trimmed.csv", [[r[i] for i in kept] for r in [numbers, names, *peru]]
    )

    printed = run_import(path)

    assert "commitments: 1 created" in printed and "warning" not in printed, printed
    commitment = Commitment.objects.get(ogp_id="PE-P0001")
    assert (commitment.contact_name, commitment.contact_email, commitment.contact_phone) == (
        "",
        "sgp@pcm.gob.pe",
        "",
    )
    assert client.get("/api/v1/commitments/PE-P0001/").json()["lead_organization"]["name"] == (
        "Secretaría de Gestión Pública"
    )
    assert client.get("/api/v1/action-plans/AP_PER01/").json()["submission_year"] is None
