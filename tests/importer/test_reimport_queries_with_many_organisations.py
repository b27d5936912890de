"""Importing a file again reads a member's organisations and their alternative names in a fixed
number of queries, however many organisations the member already has."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import run_import
from .test_current_sheet import ROWS

pytestmark = pytest.mark.django_db


def rows(country: str, code: str, prefix: str, n: int) -> list[dict[str, str]]:
    """n commitments of one plan, each led by its own ministry (with its acronym)."""
    return [
        {
            **ROWS[0],
            "Country/Locality": country,
            "Code": code,
            "Action Plan ID": f"AP_{code}03",
            "Commitment Unique Identifier": f"{prefix}{i:04d}",
            "Commitment Number": str(i),
            "Commitment Title": f"Compromiso {i}",
            "Lead Institution": f"Ministerio de Asuntos {i} (MA{i})",
            "Supporting Institution(s)": f"Dirección General  de Asuntos {i}",
        }
        for i in range(1, n + 1)
    ]


def queries(path) -> int:
    with CaptureQueriesContext(connection) as captured:
        run_import(path)
    return len(captured)


def test_reimporting_a_member_with_20_organisations_takes_as_many_queries_as_with_2(
    current_file,
):
    two = current_file(rows("Chile", "CHL", "CL", 2), name="two.csv")
    twenty = current_file(rows("Peru", "PER", "PE", 20), name="twenty.csv")
    run_import(two)
    run_import(twenty)

    assert queries(two) == queries(twenty)
