"""The summary the import command prints stays short however long the file (issue 17): a warning
names the first ten rows and marks the rest with "...", only when there is a rest; a dry run names
the first ten commitments it would change, likewise."""

from __future__ import annotations

import pytest

from .conftest import run_import
from .test_worst_cells import rows, warning

pytestmark = pytest.mark.django_db


def shown(n: int) -> str:
    return ", ".join(f"{i + 1} (PE{i:04d})" for i in range(1, min(n, 10) + 1))


@pytest.mark.parametrize(("n", "rest"), [(10, ""), (11, ", ..."), (12, ", ...")])
def test_a_warning_names_ten_rows_and_marks_the_rest(current_file, n, rest):
    printed = run_import(current_file(rows(*({"Specificity": "Mostly"} for _ in range(n)))))

    line = warning(printed, "“Mostly”")
    assert line.startswith("  warning: column “Specificity”: unknown label “Mostly”"), line
    assert line.endswith(f"({n} rows: {shown(n)}{rest})"), line


@pytest.mark.parametrize(("n", "rest"), [(10, ""), (11, "; ...")])
def test_a_dry_run_names_ten_changed_commitments_and_marks_the_rest(current_file, n, rest):
    run_import(current_file(rows(*({} for _ in range(n)))))
    renamed = rows(*({"Commitment Title": f"Portal número {i}"} for i in range(n)))

    printed = run_import(current_file(renamed, name="renamed.csv"), "--dry-run")

    examples = "; ".join(f"PE{i:04d} (title)" for i in range(1, min(n, 10) + 1))
    assert f"  commitments updated, by field: title {n} ({examples}{rest})" in printed.splitlines()
    assert f"commitments: 0 created, {n} updated, 0 unchanged" in printed


def test_a_warning_on_a_row_without_an_id_names_the_row_alone(current_file):
    cells = {"Specificity": "Mostly", "Commitment Unique Identifier": ""}
    printed = run_import(current_file(rows(cells)))

    assert warning(printed, "“Mostly”").endswith("(1 row: 2)")
