"""An Explorer file cut off inside its last row (issue 17): the refusal names the row by what it still
holds (its country, then its plan number), and by nothing it has lost."""

from __future__ import annotations

import pytest

from .conftest import explorer_rows, write_csv
from .test_worst_cells import refused

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("kept", "label"), [(1, "Peru"), (3, "Peru 1")])
def test_a_row_cut_off_before_its_numbers_is_refused_under_what_it_still_holds(
    tmp_path, kept, label
):
    numbers, names, rows = explorer_rows()
    peru = [r for r in rows if r[0] == "Peru"][:3]
    assert peru[2][:2] == ["Peru", "1"]
    path = write_csv(tmp_path / "cut.csv", [numbers, names, *peru[:2], peru[2][:kept]])

    message = refused(path)

    assert (
        f"row 5, {label}: {kept} cells where the header has {len(names)}: the file is cut off "
        "here or the row is broken" in message
    )
