"""The worst of real OGP files, for both importers: each ends in "imported with warnings" or
"refused, nothing written", never a traceback; identity holds whatever the order of the files."""

from __future__ import annotations

import csv
from collections.abc import Callable
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from commitments.models import ActionPlan, Commitment, Member, PlanProcess
from tests.conftest import PROCESS_CSV

from .conftest import explorer_rows, run_import, write_csv

pytestmark = pytest.mark.django_db


def peru_file(tmp_path: Path) -> tuple[list[list[str]], Path]:
    numbers, names, rows = explorer_rows()
    peru = [numbers, names, *(r for r in rows if r[0] == "Peru")]
    return peru, write_csv(tmp_path / "peru.csv", peru)


def as_text(rows: list[list[str]]) -> str:
    out = StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def cut_off(tmp_path: Path) -> Path:
    rows, _ = peru_file(tmp_path)
    text = as_text(rows[:19]) + as_text([rows[19]])[:300]  # row 20 cut part-way
    path = tmp_path / "cut.csv"
    path.write_text(text, encoding="utf-8")
    return path


def short_row(tmp_path: Path) -> Path:
    rows, _ = peru_file(tmp_path)
    rows[9] = rows[9][:20]
    return write_csv(tmp_path / "short.csv", rows)


def duplicate_header(tmp_path: Path) -> Path:
    rows, _ = peru_file(tmp_path)
    rows[1][rows[1].index("Theme")] = "Specificity"
    return write_csv(tmp_path / "dup.csv", rows)


def unclosed_quote(tmp_path: Path) -> Path:
    rows, _ = peru_file(tmp_path)
    path = tmp_path / "quote.csv"
    path.write_text(as_text(rows[:30]) + '"' + as_text(rows[30:]), encoding="utf-8")
    return path


def nul_byte(tmp_path: Path) -> Path:
    rows, _ = peru_file(tmp_path)
    rows[4][5] += "\x00"
    return write_csv(tmp_path / "nul.csv", rows)


def encoded(encoding: str) -> Callable[..., Path]:
    def make(tmp_path: Path, source: Path | None = None) -> Path:
        if source is None:
            _rows, source = peru_file(tmp_path)
        text = source.read_text(encoding="utf-8-sig")
        target = tmp_path / f"encoded-{encoding}.csv"
        target.write_bytes(text.encode(encoding, errors="replace"))
        return target

    make.__name__ = encoding
    return make


def wrapped_cells_and_bom(tmp_path: Path) -> Path:
    rows, _ = peru_file(tmp_path)
    for row in rows[2:12]:
        row[7] = row[7] + "\nsegunda línea\r\ntercera"  # full text wrapped over lines
    rows[12][rows[1].index("Specificity")] = "e. extraordinary"
    target = tmp_path / "wrapped.csv"
    target.write_bytes(as_text(rows).encode("utf-8-sig"))
    return target


REFUSED = [
    (cut_off, "row 20", "cut off"),
    (short_row, "row 10", "20 cells where the header has 108"),
    (duplicate_header, "row 2", "column “Specificity”: the header names this column 2 times"),
    (unclosed_quote, "row 31", "quote"),
    (nul_byte, "row 5", "NUL byte"),
    (encoded("latin-1"), "row ", "not UTF-8 text (a Latin-1 or Windows export?)"),
    (encoded("utf-16"), "row 1", "UTF-16"),
]


# Explicit ASCII ids: ids a callable generates are cached on the mark and, on a second collection in
# the same process (mutmut's clean run after its stats run), reused escaped differently, so the
# duplicate-header case (“Specificity”) was "not found" and mutmut stopped before any mutant.
@pytest.mark.parametrize(
    ("make", "where", "expected"), REFUSED, ids=[make.__name__ for make, *_rest in REFUSED]
)
def test_an_unreadable_commitments_file_is_refused_and_nothing_is_written(
    tmp_path, make, where, expected
):
    with pytest.raises(CommandError) as error:
        run_import(make(tmp_path))

    message = str(error.value)
    assert expected in message and where in message, message
    assert "Nothing was imported" in message
    assert Commitment.objects.count() == 0 and Member.objects.count() == 0


def test_wrapped_cells_and_a_bom_import_and_rows_are_numbered_as_a_spreadsheet_does(tmp_path):
    printed = run_import(wrapped_cells_and_bom(tmp_path))

    assert "commitments: 48 created" in printed
    # Row 13 of the spreadsheet (its text starts on a much later line of the file).
    assert "“Specificity”: unknown label “e. extraordinary”" in printed
    assert "(1 row: 13 (Peru 1" in printed
    assert "segunda línea" in Commitment.objects.get(source_row=3).full_text


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (encoded("latin-1"), "not UTF-8 text"),
        (encoded("utf-16"), "UTF-16"),
        ("nul", "NUL byte"),
        ("short", "cells where the header has"),
        ("duplicate", "more than once"),
        ("quote", "quote"),
    ],
)
def test_an_unreadable_process_file_is_refused_and_nothing_is_written(tmp_path, make, expected):
    with PROCESS_CSV.open(newline="", encoding="utf-8-sig") as handle:
        lines = list(csv.reader(handle))
    header_at = next(i for i, line in enumerate(lines) if line and line[0] == "Country name")
    row = header_at + 3
    if make == "nul":
        lines[row][5] += "\x00"
    elif make == "short":
        lines[row] = lines[row][:3]  # the row that once wiped a plan's IAP2 levels
    elif make == "duplicate":
        lines[header_at][4] = lines[header_at][3]
    path = write_csv(tmp_path / "process.csv", lines)
    if make == "quote":
        path.write_text(as_text(lines[:row]) + '"' + as_text(lines[row:]), encoding="utf-8")
    elif callable(make):
        path = make(tmp_path, source=PROCESS_CSV)

    with pytest.raises(CommandError) as error, translation.override("en"):
        call_command("import_ogp_process", str(path), stdout=StringIO(), stderr=StringIO())

    assert expected in str(error.value)
    assert PlanProcess.objects.count() == 0 and ActionPlan.objects.count() == 0
