"""Headers an operator gets wrong, as a spreadsheet leaves them: an empty file, a column named twice,
a column renamed by a letter. Each is refused whole with the row, the column and what to do."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from .conftest import explorer_rows, run_import, write_csv
from .test_broken_files import assert_nothing_written

pytestmark = pytest.mark.django_db


def refusal(path) -> str:
    with pytest.raises(CommandError) as error:
        run_import(path)
    assert_nothing_written()
    return str(error.value)


def test_an_empty_file_is_refused_as_empty(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")

    assert "row 1: the file is empty" in refusal(path)


def test_a_column_named_twice_is_refused_asking_which_holds_the_data(tmp_path):
    numbers, names, rows = explorer_rows()
    twice = names.index("Specificity")
    names = [*names, names[twice]]
    numbers = [*numbers, ""]
    rows = [[*r, r[twice]] for r in rows[:3]]

    message = refusal(write_csv(tmp_path / "twice.csv", [numbers, names, *rows]))

    assert (
        "row 2, column “Specificity”: the header names this column 2 times: which one holds "
        "the data?"
    ) in message


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        # A letter off: the header that looks like it is named.
        (
            "Completion (progress reports)",
            "required column missing (the header has “Completion (progress reports)”: renamed?)",
        ),
        # Nothing alike: no guess.
        ("Notes", "required column missing"),
    ],
)
def test_a_missing_column_is_named_with_a_guess_only_when_a_header_looks_like_it(
    tmp_path, written, problem
):
    numbers, names, rows = explorer_rows()
    names = [*names]
    names[names.index("Completion (progress report)")] = written

    message = refusal(write_csv(tmp_path / "renamed.csv", [numbers, names, *rows[:3]]))

    assert message.endswith(
        f":\n  row 2, column “Completion (progress report)”: {problem}. Nothing was imported."
    )


def test_a_one_line_file_of_another_kind_is_refused_saying_what_the_header_should_be(tmp_path):
    path = write_csv(tmp_path / "one-line.csv", [["name", "email"]])

    assert (
        "row 1: unrecognised header: neither the 2017 IRM Explorer table (column numbers on row 1, "
        "names on row 2) nor the OGP commitments sheet (with “Commitment Unique Identifier”)"
    ) in refusal(path)
