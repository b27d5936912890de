"""The import command's summary as an operator reads it, line for line (issue 17): a file whose ids
replace provisional ones, and a file whose id would move a commitment to another plan."""

from __future__ import annotations

import pytest

from .conftest import run_import
from .test_member_names_and_prefixes import row

pytestmark = pytest.mark.django_db

UNCHANGED_PARENTS = [
    "  policy areas: 0 created, 0 updated, 0 unchanged",
    "  organisations: 0 created, 0 updated, 0 unchanged",
    "  organisation names: 0 created, 0 updated, 0 unchanged",
]
NO_REPORTS = [
    "  IRM reports: 0 created, 0 updated, 0 unchanged",
    "  assessments: 0 created, 0 updated, 0 unchanged",
]


def summary(printed: str) -> list[str]:
    """The lines under the first one (which names the file and the time taken)."""
    return printed.splitlines()[1:]


def test_ogp_ids_taking_the_place_of_provisional_ones_are_summed_up_line_for_line(current_file):
    run_import(current_file([row("PER", "Peru")], name="without-ids.csv"))

    printed = run_import(current_file([row("PER", "Peru", ogp_id="PE0001")], name="ids.csv"))

    assert summary(printed) == [
        "  members: 0 created, 0 updated, 1 unchanged",
        "  action plans: 0 created, 0 updated, 1 unchanged",
        *UNCHANGED_PARENTS,
        "  commitments: 0 created, 1 updated, 0 unchanged",
        *NO_REPORTS,
        "  commitments updated, by field: OGP id 1, provisional id 1 "
        "(PE0001 (OGP id, provisional id))",
        "  commitments reconciled: 1 took OGP's own id in place of a provisional one",
    ]


def test_an_id_moved_to_another_plan_is_a_conflict_line_naming_row_and_id(current_file):
    run_import(current_file([row("PER", "Peru", ogp_id="PE0001")], name="plan1.csv"))
    moved = {**row("PER", "Peru", ogp_id="PE0001"), "Action Plan Number": "2"}

    printed = run_import(current_file([moved], name="plan2.csv"))

    assert summary(printed) == [
        "  members: 0 created, 0 updated, 1 unchanged",
        "  action plans: 1 created, 0 updated, 0 unchanged",
        *UNCHANGED_PARENTS,
        "  commitments: 0 created, 0 updated, 0 unchanged",
        *NO_REPORTS,
        "  conflict, not written: row 2 (PE0001): PE0001 belongs to plan AP_PER01; this row puts "
        "it in AP_PER02: not written",
    ]
