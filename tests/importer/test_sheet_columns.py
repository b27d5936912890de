"""What both commitment formats read by column name (reviews/importers/sheet.py), through the import
command: the title or else the short title, the policy-area flags from the first flag column to the
last one inclusive, and the IRM's own relevance verdict where the file has that column."""

from __future__ import annotations

import pytest

from commitments.models import Commitment
from reviews.models import Assessment

from .conftest import run_import, write_csv
from .test_worst_cells import refused, rows

pytestmark = pytest.mark.django_db


def test_a_row_without_a_title_takes_its_short_title(current_file):
    run_import(current_file(rows({"Commitment Title": "  ", "Short Title": " Datos abiertos "})))

    commitment = Commitment.objects.get()
    assert (commitment.title, commitment.short_title) == ("Datos abiertos", "Datos abiertos")


def test_a_row_with_neither_title_is_refused_naming_its_row_and_column(current_file):
    path = current_file(rows({}, {"Commitment Title": " ", "Short Title": "\n"}))

    message = refused(path)

    assert "row 3, PE0002, column “Commitment Title”: the commitment has no title" in message


def test_the_first_and_last_flag_columns_are_policy_areas_and_their_neighbours_are_not(
    current_file,
):
    path = current_file(
        rows(
            {
                "Anti-Corruption and Integrity": "1",
                "Money in Politics": "Yes",
                "Report Publication Year (Progress Report)": "1",
            }
        )
    )

    run_import(path)

    areas = set(Commitment.objects.get().policy_areas.values_list("name", flat=True))
    assert areas == {"Anti-Corruption and Integrity", "Money in Politics"}


@pytest.mark.parametrize(("cell", "expected"), [("1", True), ("0", False), ("NR", None)])
def test_the_irms_own_relevance_verdict_is_stored(current_file, cell, expected):
    run_import(current_file(rows({"_Relevant": cell})))

    assert Assessment.objects.get().relevant is expected


def test_a_file_without_the_relevance_column_leaves_it_unknown(tmp_path, current_header):
    header = [c for c in current_header if c != "_Relevant"]
    row = rows({"OGP Value Civic Participation": "1"})[0]
    path = write_csv(tmp_path / "older.csv", [header, [row.get(c, "") for c in header]])

    run_import(path)

    assessment = Assessment.objects.get()
    assert assessment.relevant is None
    assert assessment.relevant_civic_participation is True
    assert Commitment.objects.get().value_civic_participation is True


def test_a_relevance_verdict_outside_0_and_1_imports_with_a_warning_naming_its_column(
    current_file,
):
    printed = run_import(current_file(rows({"_Relevant": "maybe"})))

    assert Assessment.objects.get().relevant is None
    assert "column “_Relevant”: expected 0 or 1, found “maybe”: read as unknown (1 row: 2" in (
        printed
    )
