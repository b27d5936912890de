"""Rows carrying OGP's ids against commitments already imported: a provisional commitment is
reconciled by one row only, a real id never moves to another commitment, a repeated id is refused
even when its first row reconciled one, and a conflict says in full why the row was kept out."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from commitments.models import Commitment

from .conftest import run_import, write_csv
from .test_current_sheet import ROWS
from .test_reconcile import peru_plan1_rows, sheet_rows

pytestmark = pytest.mark.django_db

ID = "Commitment Unique Identifier"


@pytest.fixture
def explorer_imported(tmp_path) -> None:
    """Peru's first plan from the Explorer: provisional ids PE-P0001 to PE-P0015."""
    numbers, names, rows = peru_plan1_rows()
    run_import(write_csv(tmp_path / "explorer.csv", [numbers, names, *rows]))


def test_a_provisional_commitment_is_reconciled_by_one_row_only(explorer_imported, current_file):
    pe0008 = sheet_rows()[0]  # the title of PE-P0008
    same_title = {**pe0008, ID: "PE0101", "Commitment Number": "10"}

    printed = run_import(current_file([pe0008, same_title]))

    assert "commitments reconciled: 1 took OGP's own id" in printed
    assert "commitments: 1 created, 1 updated, 0 unchanged" in printed
    plan = Commitment.objects.filter(action_plan__ogp_id="AP_PER01")
    assert plan.count() == 16 and not plan.filter(ogp_id="PE-P0008").exists()
    assert plan.get(ogp_id="PE0008").number == "1:H"
    assert plan.get(ogp_id="PE0101").number == "10"


def test_an_id_repeated_after_its_first_row_reconciled_a_commitment_is_refused(
    explorer_imported, current_file
):
    pe0008 = sheet_rows()[0]
    again = {**pe0008, "Commitment Number": "10", "Commitment Title": "Otro compromiso"}

    with pytest.raises(CommandError) as refused:
        run_import(current_file([pe0008, again]))

    assert "row 3, PE0008, column “Commitment Unique Identifier”: " in str(refused.value)
    assert "commitment id PE0008 already appears on row 2" in str(refused.value)
    assert Commitment.objects.filter(ogp_id="PE-P0008").exists()


def test_a_new_id_with_the_title_of_a_commitment_holding_its_own_id_is_a_new_commitment(
    current_file,
):
    run_import(current_file([ROWS[0]], name="first.csv"))
    same_title = {**ROWS[0], ID: "PE0099", "Commitment Number": "9"}

    printed = run_import(current_file([same_title], name="second.csv"))

    assert "reconciled" not in printed
    assert "commitments: 1 created, 0 updated, 0 unchanged" in printed
    assert dict(Commitment.objects.values_list("ogp_id", "number")) == {
        "PE0074": "1",
        "PE0099": "9",
    }


def test_a_row_without_a_valid_id_does_not_take_the_commitment_a_row_with_its_id_took(
    current_file,
):
    run_import(current_file([ROWS[0]], name="first.csv"))
    no_id = {**ROWS[0], ID: "n/a", "Commitment Number": "9"}  # same title, no usable id

    printed = run_import(current_file([ROWS[0], no_id], name="second.csv"))

    assert "commitments: 1 created, 0 updated, 1 unchanged" in printed
    assert dict(Commitment.objects.values_list("ogp_id", "number")) == {
        "PE0074": "1",
        "PE-P0001": "9",  # the first row of the member without an id
    }


def test_an_id_held_provisionally_by_another_commitment_is_a_conflict_said_in_full(
    explorer_imported, current_file
):
    # OGP's id typed on another Explorer commitment, which is still marked provisional.
    Commitment.objects.filter(ogp_id="PE-P0005").update(ogp_id="PE0005")
    holder = Commitment.objects.get(ogp_id="PE0005")
    row = {**sheet_rows()[0], ID: "PE0005"}  # the title of PE-P0008

    printed = run_import(current_file([row]))

    assert (
        "  conflict, not written: row 2 (PE0005): PE0005 is held provisionally by a different "
        f"commitment ({holder.title[:60]}): not written, reconcile by hand\n"
    ) in printed
    assert Commitment.objects.filter(ogp_id="PE-P0008").exists()
