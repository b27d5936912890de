"""Files the importer cannot take: a clear message naming row and column, and nothing written."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from commitments.models import ActionPlan, Commitment, Member, Organization
from reviews.importers import writer
from reviews.models import Assessment, IRMReport

from .conftest import explorer_rows, run_import, write_csv

pytestmark = pytest.mark.django_db


def assert_nothing_written() -> None:
    assert Member.objects.count() == 0
    assert ActionPlan.objects.count() == 0
    assert Commitment.objects.count() == 0
    assert Organization.objects.count() == 0
    assert IRMReport.objects.count() == 0
    assert Assessment.objects.count() == 0


def test_dry_run_prints_the_summary_and_writes_nothing(explorer_file):
    printed = run_import(explorer_file(country="Peru", limit=6), "--dry-run")

    assert "commitments: 6 created, 0 updated, 0 unchanged" in printed
    assert "Dry run" in printed
    assert_nothing_written()


def test_every_unreadable_row_is_reported_in_one_run_and_nothing_is_written(
    explorer_file, monkeypatch
):
    # Albania's first plan (26 rows) is written, in batches of 5 rather than 500, before the bad
    # rows are read (rows after the first problem are only checked); it must go too.
    monkeypatch.setattr(writer, "BATCH_SIZE", 5)
    path = explorer_file(
        limit=40,
        edits={30: {"Action Plan Number": "two"}, 39: {"Country": "Atlantis"}},
    )

    with pytest.raises(CommandError) as error:
        run_import(path)

    message = str(error.value)
    assert "2 problem(s)" in message
    # Spreadsheet rows: data starts on row 3.
    assert "row 33" in message and "column “Action Plan Number”" in message
    assert "row 42" in message and "unknown country “Atlantis”" in message
    assert "Nothing was imported" in message
    assert_nothing_written()


def test_unknown_vocabulary_imports_kept_as_written_with_a_warning_naming_row_id_and_column(
    explorer_file,
):
    path = explorer_file(
        country="Peru",
        edits={
            3: {"Completion (progress report)": "e. Done", "Value -Info": "yes please"},
            5: {"Specificity": "d. very high"},
        },
    )

    printed = run_import(path)

    assert "commitments: 48 created" in printed
    assert "column “Completion (progress report)”: unknown label “e. Done”" in printed
    assert "(1 row: 6 (Peru 1 1:D))" in printed
    assert "column “Value -Info”: expected 0 or 1, found “yes please”" in printed
    assert "column “Specificity”: unknown label “d. very high”" in printed
    kept = Assessment.objects.get(commitment__source_row=6)
    assert (kept.completion, kept.completion_label) == ("", "e. Done")
    assert Assessment.objects.get(commitment__source_row=8).specificity_label == "d. very high"


def test_missing_required_column_is_named(tmp_path):
    numbers, names, rows = explorer_rows()
    drop = names.index("Completion (progress report)")
    path = write_csv(
        tmp_path / "no-completion.csv",
        [[c for i, c in enumerate(r) if i != drop] for r in [numbers, names, *rows[:5]]],
    )

    with pytest.raises(CommandError, match=r"row 2, column “Completion \(progress report\)”"):
        run_import(path)
    assert_nothing_written()


def test_bytes_that_are_not_a_csv_are_refused(tmp_path):
    path = tmp_path / "picture.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe\x00\x10" * 20)

    with pytest.raises(CommandError, match="not UTF-8 text"):
        run_import(path)
    assert_nothing_written()


def test_a_text_file_with_another_header_is_refused(tmp_path):
    path = write_csv(tmp_path / "other.csv", [["name", "email"], ["Ana", "ana@example.org"]])

    with pytest.raises(CommandError, match="row 1: unrecognised header"):
        run_import(path)


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(CommandError, match="cannot read the file"):
        run_import(tmp_path / "nowhere.csv")


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("Country", "Atlantis", "unknown country “Atlantis”"),
        ("Action Plan Number", "two", "expected a whole number"),
        ("Action Plan Number", "", "an action plan number from 1 up is required"),
    ],
)
def test_a_row_that_cannot_be_placed_names_its_row_and_column(
    explorer_file, column, value, expected
):
    path = explorer_file(country="Peru", edits={3: {column: value}})

    with pytest.raises(CommandError) as error:
        run_import(path)

    assert "row 6, " in str(error.value) and f"column “{column}”" in str(error.value)
    assert expected in str(error.value)
    assert_nothing_written()


def test_the_error_is_given_in_the_operators_language(explorer_file):
    path = explorer_file(country="Peru", edits={0: {"Country": "Atlantis"}})

    with pytest.raises(CommandError, match="fila 3"):
        run_import(path, language="es")
