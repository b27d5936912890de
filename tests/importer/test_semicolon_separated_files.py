"""A sheet saved by a spreadsheet set to Spanish (or any decimal-comma language) is a “CSV” with
semicolons between the cells. Both importers read it as the same sheet with commas: until
7 December `import_ogp_irm` refused it whole as an "unrecognised header" (a header that named
“Commitment Unique Identifier”, the very column the message asked for) and `import_ogp_process`
as having no header row starting with “Country name”."""

from __future__ import annotations

import csv

import pytest

from commitments.models import Commitment

from ..accountability.test_process_import_cells import FULL, plan_row
from ..accountability.test_process_import_cells import run as run_process
from .conftest import run_import

pytestmark = pytest.mark.django_db

ROW = {
    "Commitment Unique Identifier": "PE0101",
    "Country/Locality": "Perú",
    "Code": "PER",
    "National Or Local": "National",
    "Action Plan Number": "3",
    "Commitment Number": "1",
    # A wrapped cell holding a comma, and a lead cell listing two institutions with a semicolon.
    "Commitment Title": "Portal de datos abiertos,\nfase 2",
    "Lead Institution": "Ministerio de Justicia; Contraloría General",
    "Completion (Progress Report)": "Limited",
}


def write_semicolons(path, rows):
    with path.open("w", newline="", encoding="utf-8-sig") as stream:  # with a BOM, as Excel does
        csv.writer(stream, delimiter=";").writerows(rows)
    return path


def test_a_current_sheet_with_semicolons_imports_as_with_commas(tmp_path, current_header, client):
    path = write_semicolons(
        tmp_path / "ogp.csv", [current_header, [ROW.get(c, "") for c in current_header]]
    )

    printed = run_import(path)

    assert "commitments: 1 created" in printed
    commitment = Commitment.objects.get(ogp_id="PE0101")
    assert commitment.title == "Portal de datos abiertos,\nfase 2"
    served = client.get("/api/v1/commitments/PE0101/").json()
    assert served["lead_organization"]["name"] == "Ministerio de Justicia"
    assert [o["name"] for o in served["co_lead_organizations"]] == ["Contraloría General"]
    assert served["irm_completion"] == "limited"


def test_a_process_file_with_semicolons_imports_as_with_commas(tmp_path, client):
    path = write_semicolons(
        tmp_path / "process.csv", [FULL, [plan_row().get(name, "") for name in FULL]]
    )

    run_process(path)

    served = client.get("/api/v1/plan-processes/AP_PER01/")
    assert served.status_code == 200
    assert served.json()["development_level"] == "consult"
