"""Two exports joined into one file (the second's header left in part-way, with or without its
byte-order mark): all three importers skip the repeated header with a warning naming its row, and
read the rows after it; a real problem elsewhere still refuses the whole file."""

from __future__ import annotations

import csv
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from commitments.models import Commitment, PlanProcess

from .conftest import explorer_rows, run_import
from .test_broken_files import assert_nothing_written

pytestmark = pytest.mark.django_db

PROCESS_HEADER = [
    "Country name",
    "Action Plan Number",
    "Year AP Submitted",
    "IAP2 level during development",
    "IAP2 level during imp.",
]
WARNING = "the header again, skipped (two files joined?)"


def as_text(rows: list[list[str]]) -> str:
    out = StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def current_rows(header: list[str], *numbers: int) -> list[list[str]]:
    cells = {
        "Country/Locality": "Peru",
        "Code": "PER",
        "National Or Local": "National",
        "Action Plan Number": "2",
    }
    return [
        [
            {
                **cells,
                "Commitment Unique Identifier": f"PE{n:04d}",
                "Commitment Number": str(n),
                "Commitment Title": f"Compromiso número {n}",
            }.get(name, "")
            for name in header
        ]
        for n in numbers
    ]


@pytest.mark.parametrize("bom", [b"", "\ufeff".encode()], ids=["plain", "with-bom"])
def test_a_current_sheet_joined_to_another_imports_both_with_a_warning(
    tmp_path, current_header, bom
):
    first = as_text([current_header, *current_rows(current_header, 1, 2)])
    second = as_text([current_header, *current_rows(current_header, 3)])
    path = tmp_path / "joined.csv"
    path.write_bytes("\ufeff".encode() + first.encode() + bom + second.encode())

    printed = run_import(path)

    assert sorted(Commitment.objects.values_list("ogp_id", flat=True)) == [
        "PE0001",
        "PE0002",
        "PE0003",
    ]
    assert f"warning: {WARNING} (1 row: 4)" in printed


def test_an_explorer_table_joined_to_another_skips_both_header_rows(tmp_path):
    numbers, names, rows = explorer_rows()
    peru = [r for r in rows if r[0] == "Peru"][:3]
    chile = [r for r in rows if r[0] == "Chile"][:2]
    path = tmp_path / "joined.csv"
    path.write_text(as_text([numbers, names, *peru, numbers, names, *chile]), encoding="utf-8")

    printed = run_import(path)

    assert Commitment.objects.count() == 5
    assert f"warning: {WARNING} (2 rows: 6, 7)" in printed


def test_a_joined_file_with_a_bad_row_after_the_second_header_is_refused_whole(
    tmp_path, current_header
):
    bad = current_rows(current_header, 3)
    bad[0][current_header.index("Action Plan Number")] = "two"
    path = tmp_path / "joined.csv"
    path.write_text(
        as_text([current_header, *current_rows(current_header, 1), current_header, *bad]),
        encoding="utf-8",
    )

    with pytest.raises(CommandError) as error:
        run_import(path)

    assert "row 4, PE0003, column “Action Plan Number”: expected a whole number" in str(error.value)
    assert "Action Plan Number”: expected a whole number, found “Action Plan Number”" not in str(
        error.value
    )
    assert_nothing_written()


def test_a_process_file_joined_to_another_skips_its_header_with_a_warning(tmp_path):
    header = PROCESS_HEADER
    path = tmp_path / "process.csv"
    path.write_bytes(
        "\ufeff".encode()
        + as_text([header, ["Peru", "1", "2012", "Consult", "Inform"]]).encode()
        + "\ufeff".encode()
        + as_text([header, ["Chile", "1", "2011", "Involve", "NR"]]).encode()
    )
    out = StringIO()

    with translation.override("en"):
        call_command("import_ogp_process", str(path), stdout=out, stderr=StringIO())

    assert PlanProcess.objects.count() == 2
    assert f"warning: row 3: {WARNING}" in out.getvalue()


def test_the_warning_is_in_spanish_for_a_spanish_operator(tmp_path, current_header):
    path = tmp_path / "joined.csv"
    rows = [current_header, *current_rows(current_header, 1), current_header]
    path.write_text(as_text([*rows, *current_rows(current_header, 2)]), encoding="utf-8")

    printed = run_import(path, language="es")

    assert "advertencia: la cabecera otra vez, omitida (¿dos archivos unidos?) (1 fila: 3)" in (
        printed
    )


def test_a_process_file_repeating_its_header_rows_as_the_real_snapshot_names_them(tmp_path):
    """Shaped like the IRM's own file: column numbers, group headers and names, a blank line,
    the group and name rows again (rows 5 and 6), then the plans."""
    names = [*PROCESS_HEADER, "Step 1: Timeline and process: Prior availability"]
    groups = ["", "", "", "", "", "Step 1"]
    numbers = [str(i) for i in range(len(names))]
    path = tmp_path / "process.csv"
    path.write_text(
        as_text(
            [
                numbers,
                groups,
                names,
                [""] * 6,
                groups,
                names,
                ["Peru", "1", "2012", "Consult", "Inform", "No"],
            ]
        ),
        encoding="utf-8",
    )
    out = StringIO()

    with translation.override("en"):
        call_command("import_ogp_process", str(path), stdout=out, stderr=StringIO())

    assert PlanProcess.objects.get().source_row == 7
    assert f"warning: row 5: {WARNING}" in out.getvalue()
    assert f"warning: row 6: {WARNING}" in out.getvalue()
