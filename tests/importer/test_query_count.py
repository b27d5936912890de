"""The importer's query count does not grow with the rows of a batch (no query per row)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import explorer_rows, run_import, write_csv

pytestmark = pytest.mark.django_db


def synthetic_file(tmp_path, country: str, n: int):
    """n rows of one plan, all like Peru's first row but each its own commitment."""
    numbers, names, rows = explorer_rows()
    template = next(r for r in rows if r[0] == "Peru")
    country_col, number_col = names.index("Country"), names.index("Comm No")
    data = []
    for i in range(n):
        row = list(template)
        row[country_col], row[number_col] = country, f"{i + 1}"
        data.append(row)
    return write_csv(tmp_path / f"{country}-{n}.csv", [numbers, names, *data])


def queries(path) -> int:
    with CaptureQueriesContext(connection) as captured:
        run_import(path)
    return len(captured)


def test_import_and_reimport_take_as_many_queries_for_20_rows_as_for_2(tmp_path):
    # A first file creates the policy areas every later file shares (one insert the others skip).
    run_import(synthetic_file(tmp_path, "Uruguay", 1))
    two, twenty = synthetic_file(tmp_path, "Chile", 2), synthetic_file(tmp_path, "Peru", 20)

    # First import: members, plan, organisation, report, commitments, assessments, history.
    first_two, first_twenty = queries(two), queries(twenty)
    # Second import: read, compare, write nothing.
    again_two, again_twenty = queries(two), queries(twenty)

    assert first_two == first_twenty
    assert again_two == again_twenty
    assert again_twenty < first_twenty
