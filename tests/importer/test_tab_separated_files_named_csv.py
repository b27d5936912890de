"""A sheet saved as “Text (Tab delimited)” or copied out of a spreadsheet and saved with a .csv
name has tabs between its cells. Both importers read it as the same sheet with commas, as they do a
sheet with semicolons: until 8 December `import_ogp_irm` refused it whole as an "unrecognised
header" (naming “Commitment Unique Identifier”, the very column its header has) and
`import_ogp_process` as having no header row starting with “Country name”. A comma file whose
cells hold tabs stays a comma file."""

from __future__ import annotations

import csv

import pytest

from commitments.models import Commitment

from ..accountability.test_process_import_cells import FULL, plan_row
from ..accountability.test_process_import_cells import run as run_process
from .conftest import explorer_rows, run_import, write_csv
from .test_semicolon_separated_files import ROW

pytestmark = pytest.mark.django_db


def write_tabs(path, rows):
    with path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream, delimiter="\t").writerows(rows)
    return path


def test_a_tab_separated_current_sheet_named_csv_imports_as_with_commas(
    tmp_path, current_header, client
):
    path = write_tabs(
        tmp_path / "ogp.csv", [current_header, [ROW.get(c, "") for c in current_header]]
    )

    printed = run_import(path)

    assert "commitments: 1 created" in printed
    assert Commitment.objects.get(ogp_id="PE0101").title == "Portal de datos abiertos,\nfase 2"
    served = client.get("/api/v1/commitments/PE0101/").json()
    assert served["lead_organization"]["name"] == "Ministerio de Justicia"
    assert [o["name"] for o in served["co_lead_organizations"]] == ["Contraloría General"]
    assert served["irm_completion"] == "limited"


def test_a_tab_separated_explorer_table_imports_as_with_commas(tmp_path):
    numbers, names, rows = explorer_rows()
    peru = [r for r in rows if r[0] == "Peru"][:3]

    printed = run_import(write_tabs(tmp_path / "explorer.csv", [numbers, names, *peru]))

    assert "commitments: 3 created" in printed


def test_a_tab_separated_process_file_imports_as_with_commas(tmp_path, client):
    path = write_tabs(tmp_path / "process.csv", [FULL, [plan_row().get(name, "") for name in FULL]])

    run_process(path)

    assert client.get("/api/v1/plan-processes/AP_PER01/").json()["development_level"] == "consult"


def test_a_comma_file_with_tabs_inside_its_cells_stays_a_comma_file(tmp_path, current_header):
    row = {**ROW, "Commitment Title": "Portal\tde\tdatos\tabiertos\tfase\t2\tcon\ttabs"}
    path = write_csv(
        tmp_path / "ogp.csv", [current_header, [row.get(c, "") for c in current_header]]
    )

    run_import(path)

    assert Commitment.objects.get(ogp_id="PE0101").title == row["Commitment Title"]
