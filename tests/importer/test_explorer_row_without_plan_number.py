"""An Explorer row whose action plan number is empty, ND or 0 (issue 17) cannot say which plan it
belongs to: the file is refused, and the refusal names the row, what identifies it and the column,
and says what the cell must hold."""

from __future__ import annotations

import pytest

from .test_worst_cells import refused

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("number", "label"), [(" ", "Peru 1:B"), ("ND", "Peru ND 1:B"), ("0", "Peru 0 1:B")]
)
def test_a_row_without_a_plan_number_is_refused_saying_what_the_cell_must_hold(
    explorer_file, number, label
):
    path = explorer_file(country="Peru", limit=2, edits={1: {"Action Plan Number": number}})

    message = refused(path)

    assert (
        f"row 4, {label}, column “Action Plan Number”: an action plan number from 1 up is required"
        in message
    ), message
