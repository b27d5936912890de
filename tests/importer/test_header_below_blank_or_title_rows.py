"""Files whose header is not on row 1: only blank lines (an export that wrote nothing), blank
lines or a title row above the header ("OGP commitments - exported 2024-03-01", with an en
dash). The header is looked for in the first 10 rows; the rows above it are skipped with a
warning naming them, and a file with no header there is refused saying so."""

from __future__ import annotations

import csv
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from commitments.models import Commitment

from .conftest import explorer_rows, run_import
from .test_broken_files import assert_nothing_written

pytestmark = pytest.mark.django_db

TITLE = "OGP commitments \u2013 exported 2024-03-01"  # an en dash, as a title has


def as_text(rows: list[list[str]]) -> str:
    out = StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def peru_rows(header: list[str], count: int = 2) -> list[list[str]]:
    return [
        [
            {
                "Commitment Unique Identifier": f"PE{n:04d}",
                "Country/Locality": "Peru",
                "Code": "PER",
                "National Or Local": "National",
                "Action Plan Number": "2",
                "Commitment Number": str(n),
                "Commitment Title": f"Compromiso {n}",
                "Start Date": "01/07/2014",
            }.get(name, "")
            for name in header
        ]
        for n in range(1, count + 1)
    ]


def refusal(path) -> str:
    with pytest.raises(CommandError) as error:
        run_import(path)
    assert_nothing_written()
    return str(error.value)


@pytest.mark.parametrize("text", ["\r\n\r\n\r\n", "\ufeff\n\n", ",,,\r\n,,\r\n"])
def test_a_file_of_only_blank_lines_is_refused_as_empty(tmp_path, text):
    path = tmp_path / "blank.csv"
    path.write_text(text, encoding="utf-8")

    message = refusal(path)

    assert "the file is empty" in message and "unrecognised header" not in message


def test_a_title_row_and_a_blank_line_above_the_header_are_skipped_with_a_warning(
    tmp_path, current_header
):
    path = tmp_path / "titled.csv"
    path.write_text(
        as_text([[TITLE], [], current_header, *peru_rows(current_header)]), encoding="utf-8"
    )

    printed = run_import(path)

    assert Commitment.objects.count() == 2
    assert "warning: a row above the header, skipped (2 rows: 1, 2)" in printed
    # Rows keep the numbers a spreadsheet shows: the second commitment is on row 5.
    assert Commitment.objects.get(ogp_id="PE0002").source_row == 5


def test_an_explorer_table_below_blank_lines_is_found(tmp_path):
    numbers, names, rows = explorer_rows()
    peru = [r for r in rows if r[0] == "Peru"][:2]
    path = tmp_path / "explorer.csv"
    path.write_text(as_text([[""] * 5, [], numbers, names, *peru]), encoding="utf-8")

    printed = run_import(path)

    assert Commitment.objects.count() == 2
    assert "warning: a row above the header, skipped (2 rows: 1, 2)" in printed
    assert Commitment.objects.order_by("source_row").first().source_row == 5


def test_a_header_below_the_first_ten_rows_is_refused_saying_where_it_was_looked_for(
    tmp_path, current_header
):
    path = tmp_path / "deep.csv"
    path.write_text(
        as_text([[TITLE], *([f"nota {n}"] for n in range(10)), current_header]),
        encoding="utf-8",
    )

    message = refusal(path)

    assert (
        "row 1: unrecognised header: neither the 2017 IRM Explorer table (column numbers on row 1, "
        "names on row 2) nor the OGP commitments sheet (with “Commitment Unique Identifier”) in "
        "the first 10 rows"
    ) in message


def test_the_warning_and_the_refusal_are_in_spanish(tmp_path, current_header):
    path = tmp_path / "titled.csv"
    path.write_text(as_text([[TITLE], current_header, *peru_rows(current_header)]), "utf-8")

    printed = run_import(path, language="es")

    assert "advertencia: una fila encima de la cabecera, omitida (1 fila: 1)" in printed


def test_a_semicolon_export_with_a_title_row_is_read_by_its_header_line(tmp_path, current_header):
    """Excel in Spanish saves with semicolons; the separator is told by the header, not the title."""
    out = StringIO()
    csv.writer(out, delimiter=";").writerows(
        [[TITLE], [], current_header, *peru_rows(current_header)]
    )
    path = tmp_path / "semicolons.csv"
    path.write_text(out.getvalue(), encoding="utf-8")

    printed = run_import(path)

    assert Commitment.objects.count() == 2
    assert "warning: a row above the header, skipped (2 rows: 1, 2)" in printed


def test_a_process_file_of_only_blank_lines_is_refused_as_empty(tmp_path):
    path = tmp_path / "process.csv"
    path.write_text("\r\n,,,\r\n", encoding="utf-8")

    with pytest.raises(CommandError) as error, translation.override("en"):
        call_command("import_ogp_process", str(path), stdout=StringIO(), stderr=StringIO())

    assert "row 1: the file is empty" in str(error.value)
