"""A “CSV” saved with semicolons (a spreadsheet set to Spanish) whose one byte that is not UTF-8 sits
below a cell wrapped over three lines is refused naming that byte's spreadsheet row: the row is
counted with the file's own separator, so the wrapped cell stays one row (read with commas, its
quotes are not at a cell's start and each of its lines would count as a row: row 45, not 43)."""

from __future__ import annotations

import csv

import pytest
from django.core.management.base import CommandError

from .conftest import run_import
from .test_broken_files import assert_nothing_written

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "row 43: byte 0x80 is not UTF-8 text"),
        ("es", "fila 43: el byte 0x80 no es texto UTF-8"),
    ],
    ids=["en", "es"],
)
def test_a_semicolon_file_places_a_bad_byte_below_a_wrapped_cell_on_its_row(
    explorer_file, language, expected
):
    path = explorer_file(
        country="Peru",
        edits={5: {"Full Text": "first line\nsecond line\nthird"}, 40: {"Short Title": "100 €"}},
    )
    with path.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.reader(stream))
    with path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream, delimiter=";").writerows(rows)
    data = path.read_bytes()
    assert data.count("100 €".encode()) == 1
    path.write_bytes(data.replace("100 €".encode(), "100 €".encode("cp1252")))

    with pytest.raises(CommandError) as error:
        run_import(path, language=language)

    assert expected in str(error.value)
    assert_nothing_written()
