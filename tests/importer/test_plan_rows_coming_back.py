"""A plan whose rows come back after another plan's, in a file: the returning rows see what the
plan's earlier rows did (ids taken, provisional ids reconciled), so a repeated id is refused as it is
inside one plan (or across two plans), and no commitment is taken twice."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from commitments.models import Commitment

from .conftest import run_import, write_csv
from .test_current_sheet import ROWS
from .test_reconcile import peru_plan1_rows, sheet_rows

pytestmark = pytest.mark.django_db

PLAN_2 = {"Action Plan Number": "2", "Action Plan ID": "AP_PER02"}


def refusal(path) -> str:
    """The one problem the command refuses the file for."""
    with pytest.raises(CommandError) as refused:
        run_import(path)
    heading, problem = str(refused.value).split(":\n  ")
    assert heading.endswith("1 problem(s) make the file unreadable")
    return problem.removesuffix(". Nothing was imported.")


def test_an_id_repeated_when_its_plan_comes_back_is_refused_naming_both_rows(current_file):
    rows = [
        ROWS[0],  # PE0074, plan 3
        {**ROWS[0], **PLAN_2, "Commitment Unique Identifier": "PE0050", "Commitment Title": "Otro"},
        {**ROWS[1], "Commitment Unique Identifier": "PE0074", "Commitment Title": "Agregado"},
    ]

    assert refusal(current_file(rows)) == (
        "row 4, PE0074, column “Commitment Unique Identifier”: "
        "commitment id PE0074 already appears on row 2"
    )
    assert not Commitment.objects.exists()


def test_a_returning_row_does_not_take_the_commitment_its_plans_earlier_row_reconciled(
    current_file, tmp_path
):
    """Peru's first plan imported without ids; then a sheet whose plan-1 rows are split by plan-3
    rows: PE0008 reconciles the provisional PE-P0008, and PE0101, the same title under another
    number, coming back after plan 3, is a commitment of its own."""
    numbers, names, rows = peru_plan1_rows()
    run_import(write_csv(tmp_path / "explorer.csv", [numbers, names, *rows]))
    pe0008 = sheet_rows()[0]
    sheet = [
        ROWS[0],
        pe0008,
        ROWS[1],
        {**pe0008, "Commitment Unique Identifier": "PE0101", "Commitment Number": "10"},
    ]

    printed = run_import(current_file(sheet, name="sheet.csv"))

    assert "commitments reconciled: 1 took OGP's own id" in printed
    assert "commitments: 3 created, 1 updated, 0 unchanged" in printed
    plan_1 = Commitment.objects.filter(action_plan__ogp_id="AP_PER01")
    assert plan_1.count() == 16
    assert not plan_1.filter(ogp_id="PE-P0008").exists()
    assert plan_1.get(ogp_id="PE0101").number == "10"
    assert plan_1.get(ogp_id="PE0008").number == "1:H"


def test_an_explorer_plan_coming_back_continues_its_ids_and_imports_again_unchanged(tmp_path):
    numbers, names, rows = peru_plan1_rows()
    plan = names.index("Action Plan Number")
    other_plan = [list(r) for r in rows[:2]]
    for row in other_plan:
        row[plan] = "2"
    path = write_csv(tmp_path / "explorer.csv", [numbers, names, *rows[:3], *other_plan, rows[3]])

    first = run_import(path)
    again = run_import(path)

    assert "commitments: 6 created, 0 updated, 0 unchanged" in first
    assert "commitments: 0 created, 0 updated, 6 unchanged" in again
    ids = dict(Commitment.objects.values_list("source_row", "ogp_id"))
    # The member's rows are numbered in file order, whatever their plan.
    assert ids == {
        3: "PE-P0001",
        4: "PE-P0002",
        5: "PE-P0003",
        6: "PE-P0004",
        7: "PE-P0005",
        8: "PE-P0006",
    }
    assert Commitment.objects.get(source_row=8).action_plan.ogp_id == "AP_PER01"


def test_an_id_repeated_in_another_plan_of_the_same_file_is_refused_naming_both_rows(
    current_file,
):
    rows = [
        ROWS[0],  # PE0074, plan 3
        {**ROWS[1], **PLAN_2, "Commitment Unique Identifier": "PE0074"},
    ]

    assert refusal(current_file(rows)) == (
        "row 3, PE0074, column “Commitment Unique Identifier”: "
        "commitment id PE0074 already appears on row 2"
    )
    assert not Commitment.objects.exists()
