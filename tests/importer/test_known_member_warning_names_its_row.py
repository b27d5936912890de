"""The warning that a row of another kind of member is filed under a known member names that row,
in the words of the catalogue (mutants `member` 113 and 118 of the 7 December 16:02 run: the row
left out, the text changed, and the test beside this one read only part of the line)."""

from __future__ import annotations

import pytest

from .conftest import run_import
from .test_worst_cells import rows

pytestmark = pytest.mark.django_db


def test_the_known_member_warning_is_a_whole_line_with_its_row(current_file):
    printed = run_import(
        current_file(rows({}, {"National Or Local": "Regional", "Country/Locality": "Peru"}))
    )

    line = next(line.strip() for line in printed.splitlines() if "already recorded as" in line)
    assert line == (
        "warning: member PER is already recorded as National government: the row is filed under it"
        " (1 row: 3)"
    )
