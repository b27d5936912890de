"""Edges of a whole IRM file as operators send them: a header saved in Latin-1, blank rows left in the
middle by a spreadsheet, and a database that refuses what is written. Each either imports every row
or is refused whole with a message saying what to do."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError
from django.db import DataError

from commitments.models import Commitment

from .conftest import explorer_rows, run_import, write_csv
from .test_broken_files import assert_nothing_written

pytestmark = pytest.mark.django_db


def test_a_header_saved_in_latin_1_is_refused_with_the_byte_and_how_to_save_it(tmp_path):
    numbers, names, rows = explorer_rows()
    path = write_csv(tmp_path / "latin.csv", [numbers, [*names[:-1], "Año"], *rows[:3]])
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1", errors="replace"))

    with pytest.raises(CommandError) as error:
        run_import(path)

    # The names are on the Explorer file's row 2.
    assert (
        "row 2: byte 0xF1 is not UTF-8 text (a Latin-1 or Windows export?); save the sheet as "
        "“CSV UTF-8” and import that"
    ) in str(error.value)
    assert_nothing_written()


def test_a_latin_1_byte_deep_in_the_file_is_placed_on_its_spreadsheet_row(explorer_file):
    # Far past the first read buffer, below a cell wrapped over three lines.
    path = explorer_file(
        country="Peru",
        edits={5: {"Full Text": "first line\nsecond line\nthird"}, 40: {"Short Title": "Año"}},
    )
    data = path.read_bytes()
    assert data.count("Año".encode()) == 1 and data.index("Año".encode()) > 16_384
    path.write_bytes(data.replace("Año".encode(), "Año".encode("latin-1")))

    with pytest.raises(CommandError) as error:
        run_import(path)

    assert "row 43: byte 0xF1 is not UTF-8 text" in str(error.value)
    assert_nothing_written()


def test_blank_rows_in_the_middle_are_skipped_and_every_row_after_them_imported(tmp_path):
    numbers, names, rows = explorer_rows()
    peru = [r for r in rows if r[0] == "Peru"]
    blank, commas = [""], [""] * len(names)
    path = write_csv(tmp_path / "gaps.csv", [numbers, names, *peru[:10], blank, commas, *peru[10:]])

    printed = run_import(path)

    assert f"commitments: {len(peru)} created" in printed
    assert Commitment.objects.count() == len(peru)
    # Rows are numbered as the spreadsheet shows them: the last one is below the two blank rows.
    assert Commitment.objects.order_by("-source_row").first().source_row == len(peru) + 4


def test_a_database_refusal_is_told_with_the_rows_read_and_nothing_is_kept(
    explorer_file, monkeypatch
):
    path = explorer_file(country="Peru")

    def refuse(*args, **kwargs):
        raise DataError("value too long for type character varying(300)")

    monkeypatch.setattr(Commitment.objects, "bulk_create", refuse)
    with pytest.raises(CommandError) as error:
        run_import(path)

    assert str(error.value).endswith(
        ": the database refused rows up to 50: value too long for type character varying(300). "
        "Nothing was imported."
    )
    assert_nothing_written()


def test_line_breaks_inside_a_cell_are_kept_as_the_file_has_them(explorer_file):
    # Excel writes a line break in a cell as LF, other tools as CR LF or CR: the text is kept as
    # written (the import is lossless), only the rows' own ends are the CSV's.
    text = "First paragraph.\r\nSecond.\rThird.\nFourth."
    path = explorer_file(country="Peru", edits={0: {"Full Text": text}})

    run_import(path)

    assert Commitment.objects.get(source_row=3).full_text == text
