"""The same commitment twice in one file. A row with OGP's id given twice is refused naming both
rows; a row without an id (the Explorer's, or a sheet row whose id is empty) repeated cell for cell
was imported as a second commitment of its plan (the Explorer numbers a repeated Comm No as a
commitment added later), so a row copied twice, or two overlapping exports joined, doubled it in
every figure. It is refused naming both rows, as a repeated id is; a repeated number with other
cells (Peru's 4:A, a later commitment) still imports as two."""

from __future__ import annotations

import pytest

from commitments.models import Commitment

from .conftest import explorer_rows, run_import, write_csv
from .test_header_refusals import refusal

pytestmark = pytest.mark.django_db

SAME = "the same as row {first}, cell for cell: the same commitment twice"


def test_an_explorer_row_repeated_in_its_plan_is_refused_naming_both_rows(tmp_path):
    numbers, names, rows = explorer_rows()
    peru = [r for r in rows if r[0] == "Peru"][:3]

    message = refusal(write_csv(tmp_path / "twice.csv", [numbers, names, *peru, peru[1]]))

    assert f"row 6, Peru 1 1:B: {SAME.format(first=4)}" in message


def test_an_explorer_row_repeated_after_another_plan_is_refused_too(tmp_path):
    numbers, names, rows = explorer_rows()
    peru = [r for r in rows if r[0] == "Peru"][:2]
    chile = [r for r in rows if r[0] == "Chile"][:2]

    message = refusal(write_csv(tmp_path / "overlap.csv", [numbers, names, *peru, *chile, *peru]))

    assert f"row 7, Peru 1 1:A: {SAME.format(first=3)}" in message
    assert f"row 8, Peru 1 1:B: {SAME.format(first=4)}" in message


def test_a_sheet_row_without_an_id_repeated_is_refused(current_file):
    row = {
        "Country/Locality": "Peru",
        "Code": "PER",
        "National Or Local": "National",
        "Action Plan Number": "2",
        "Commitment Number": "3",
        "Commitment Title": "Portal de datos abiertos",
    }

    message = refusal(current_file([row, {**row, "Commitment Number": "4"}, row]))

    assert f"row 4: {SAME.format(first=2)}" in message


def test_a_repeated_number_with_other_cells_is_still_a_later_commitment(tmp_path):
    numbers, names, rows = explorer_rows()
    peru = [r for r in rows if r[0] == "Peru"][:2]
    later = list(peru[0])
    later[names.index("Commitment Title")] = "Un compromiso añadido después"

    printed = run_import(write_csv(tmp_path / "later.csv", [numbers, names, *peru, later]))

    assert "commitments: 3 created" in printed
    assert Commitment.objects.filter(number="1:A").count() == 2
