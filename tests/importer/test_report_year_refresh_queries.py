"""A report whose publication year moves refreshes its plans' commitments in one go: the import takes
as many queries for a plan of 20 commitments as for a plan of 2."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import Commitment

from .conftest import run_import
from .test_current_sheet import ROWS

pytestmark = pytest.mark.django_db

YEAR = "Report Publication Year (Progress Report)"


def plan_rows(plan: int, n: int, year: str) -> list[dict[str, str]]:
    """n commitments of Peru's plan `plan`, rated by its progress report of `year`."""
    return [
        {
            **ROWS[0],
            "Action Plan Number": str(plan),
            "Action Plan ID": f"AP_PER{plan:02d}",
            "Commitment Unique Identifier": f"PE{plan * 100 + i:04d}",
            "Commitment Number": str(i),
            "Commitment Title": f"Compromiso {i} del plan {plan}",
            YEAR: year,
        }
        for i in range(1, n + 1)
    ]


def test_a_moved_report_year_refreshes_20_commitments_in_as_many_queries_as_2(current_file):
    def queries(rows: list[dict[str, str]], name: str) -> int:
        path = current_file(rows, name=name)
        with CaptureQueriesContext(connection) as captured:
            printed = run_import(path)
        assert "IRM reports: 0 created, 1 updated, 0 unchanged" in printed
        return len(captured)

    run_import(current_file(plan_rows(3, 2, "2018") + plan_rows(4, 20, "2018")))

    two, twenty = (
        queries(plan_rows(3, 2, "2019"), "two.csv"),
        queries(plan_rows(4, 20, "2019"), "twenty.csv"),
    )

    assert two == twenty
    assert set(Commitment.objects.values_list("irm_report_year", flat=True)) == {2019}
