"""A Windows or Latin-1 export whose only byte that is not UTF-8 is at either end of the range such
bytes take (0x80, the euro sign of Windows-1252; 0xFF, "ÿ" in Latin-1) is refused naming that
byte's spreadsheet row, not the row the read buffer had reached, in English and Spanish."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from .conftest import run_import
from .test_broken_files import assert_nothing_written

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "encoding", "byte"),
    [("100 €", "cp1252", "0x80"), ("Moÿ", "latin-1", "0xFF")],
    ids=["euro-0x80", "y-diaeresis-0xff"],
)
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "row 43: byte {byte} is not UTF-8 text"),
        ("es", "fila 43: el byte {byte} no es texto UTF-8"),
    ],
    ids=["en", "es"],
)
def test_a_byte_at_either_end_of_the_non_utf8_range_is_placed_on_its_row(
    explorer_file, text, encoding, byte, language, expected
):
    # Far past the first read buffer, below a cell wrapped over three lines: the decoder's error
    # alone would name an earlier row.
    path = explorer_file(
        country="Peru",
        edits={5: {"Full Text": "first line\nsecond line\nthird"}, 40: {"Short Title": text}},
    )
    data = path.read_bytes()
    assert data.count(text.encode()) == 1 and data.index(text.encode()) > 16_384
    path.write_bytes(data.replace(text.encode(), text.encode(encoding)))

    with pytest.raises(CommandError) as error:
        run_import(path, language=language)

    assert expected.format(byte=byte) in str(error.value)
    assert_nothing_written()
