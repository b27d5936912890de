"""What the import command keeps of the file itself and where it stops reading (issue 17): each
commitment's source row served by the API with the file's real SHA-256, format name and exactly its
non-empty cells; a file with more than a thousand unreadable rows is refused naming the first
thousand counted; a header that is cut inside a quote is refused at row 1."""

from __future__ import annotations

import csv
import hashlib

import pytest
from django.core.management.base import CommandError

from commitments.models import Commitment, Member

from .conftest import run_import
from .test_worst_cells import rows

pytestmark = pytest.mark.django_db


def test_the_source_row_keeps_the_files_checksum_format_and_only_its_non_empty_cells(
    client, current_file
):
    path = current_file(rows({"Lead Institution": "  ", "Commitment Number": "7"}))
    with path.open(newline="", encoding="utf-8") as stream:
        lines = list(csv.reader(stream))
    lines[1].append("")  # one blank cell past the header, as spreadsheets often add
    with path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows(lines)
    run_import(path)

    response = client.get("/api/v1/commitments/PE0001/sources/")

    assert response.status_code == 200
    (record,) = response.json()["results"]
    assert record["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (record["file_name"], record["file_format"], record["row"]) == (
        "current.csv",
        "OGP commitments sheet (current)",
        2,
    )
    header = lines[0]
    assert record["cells"] == {
        name: cell for name, cell in zip(header, lines[1], strict=False) if cell.strip()
    }
    assert record["cells"]["Commitment Number"] == "7"
    assert "Lead Institution" not in record["cells"]


def test_reading_stops_at_the_thousandth_unreadable_row(current_file):
    path = current_file(rows(*({"Action Plan Number": "two"} for _ in range(1003))))

    with pytest.raises(CommandError) as error:
        run_import(path)

    message = str(error.value)
    assert "1000 problem(s) make the file unreadable" in message
    assert "... and 950 more problems" in message
    assert "row 2, PE0001, column “Action Plan Number”" in message
    assert Commitment.objects.count() == 0 and Member.objects.count() == 0


def test_a_header_cut_inside_a_quote_is_refused_at_row_1(tmp_path):
    path = tmp_path / "cut-header.csv"
    path.write_text('Commitment Unique Identifier,"Country/Locality\n', encoding="utf-8")

    with pytest.raises(CommandError) as error:
        run_import(path)

    message = str(error.value)
    assert "row 1: the file ends inside a quoted cell" in message, message
    assert "Nothing was imported" in message
