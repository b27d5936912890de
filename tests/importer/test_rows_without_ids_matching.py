"""Rows without ids (the Explorer) against commitments already imported: a commitment is taken by
one row of the file only, and a lightly rewritten title goes by its number to the right one of a
repeated number."""

from __future__ import annotations

import pytest

from commitments.models import Commitment

from .conftest import run_import, write_csv
from .test_reconcile import peru_plan1_rows, second_4a

pytestmark = pytest.mark.django_db


def test_a_new_row_with_an_imported_rows_title_is_a_commitment_of_its_own(tmp_path):
    numbers, names, rows = peru_plan1_rows()
    title = names.index("Commitment Title")
    first, added = list(rows[0]), list(rows[1])
    added[title] = first[title]  # a later version of the file adds a commitment, same title
    run_import(write_csv(tmp_path / "v1.csv", [numbers, names, first]))

    printed = run_import(write_csv(tmp_path / "v2.csv", [numbers, names, first, added]))

    assert "commitments: 1 created, 0 updated, 1 unchanged" in printed
    assert dict(Commitment.objects.values_list("ogp_id", "number")) == {
        "PE-P0001": "1:A",
        "PE-P0002": "1:B",
    }


def test_a_lightly_rewritten_second_4a_updates_the_second_not_the_first(tmp_path):
    numbers, names, rows = peru_plan1_rows()
    run_import(write_csv(tmp_path / "explorer.csv", [numbers, names, *rows]))
    title = names.index("Commitment Title")
    position = second_4a(rows, names)
    first_title, second_title = rows[position - 1][title], rows[position][title]
    assert (first_title, second_title) == (
        "4:a) Disponer de datos abiertos",
        "4: a)Tecnologías para “open Data”",
    )
    rewritten = list(rows[position])
    rewritten[title] = "4: a) Nuevas tecnologías para “Open Data”"

    printed = run_import(write_csv(tmp_path / "second-4a.csv", [numbers, names, rewritten]))

    assert "commitments: 0 created, 1 updated, 0 unchanged" in printed
    titles = dict(Commitment.objects.filter(number="4:A").values_list("ogp_id", "title"))
    assert titles == {"PE-P0013": first_title, "PE-P0014": rewritten[title]}
