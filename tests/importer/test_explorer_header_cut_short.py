"""An Explorer file whose header is cut short (issue 17): one that ends after its row of column
numbers is refused as an unrecognised header (not a crash), and a sheet cut down to its `Country`
and `Comm No` columns is still read as the Explorer table and told which columns it lacks."""

from __future__ import annotations

import pytest

from .conftest import explorer_rows, write_csv
from .test_header_refusals import refusal

pytestmark = pytest.mark.django_db


def test_a_file_ending_after_its_column_numbers_is_refused_as_unrecognised(tmp_path):
    numbers, _names, _rows = explorer_rows()

    message = refusal(write_csv(tmp_path / "numbers-only.csv", [numbers]))

    assert "row 1: unrecognised header: neither the 2017 IRM Explorer table" in message


def test_a_sheet_of_only_country_and_comm_no_is_told_which_columns_it_lacks(tmp_path):
    rows = [["0", "3"], ["Country", "Comm No"], ["Peru", "1:A"]]

    message = refusal(write_csv(tmp_path / "two-columns.csv", rows))

    assert "row 2, column “Action Plan Number”: required column missing" in message, message
    assert "unrecognised header" not in message
