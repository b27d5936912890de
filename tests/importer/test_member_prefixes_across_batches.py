"""Members whose commitment prefix OGP's own ids correct, in a file long enough to be written in
several batches (issue 17; reviews/importers/parents.py): a correction after the first batch is
written like one in it; and a second member whose provisional ids would start like another's is
refused, naming both."""

from __future__ import annotations

import pytest

from commitments.models import Member
from reviews.importers import writer

from .conftest import run_import
from .test_member_names_and_prefixes import row
from .test_worst_cells import refused

pytestmark = pytest.mark.django_db


def numbered(code: str, place: str, ogp_id: str, n: int) -> dict[str, str]:
    return {**row(code, place, ogp_id=ogp_id), "Commitment Number": str(n)}


def test_prefixes_corrected_by_ogp_ids_before_and_after_the_first_batch_are_both_kept(
    current_file, monkeypatch
):
    # Batches of 5 rows rather than 500: the same crossing for an eightieth of the rows (every
    # importer mutant runs this test).
    monkeypatch.setattr(writer, "BATCH_SIZE", 5)
    run_import(current_file([row("XKX", "Kosovo"), row("XXK", "Somewhere")], name="no-ids.csv"))
    assert dict(Member.objects.values_list("code", "commitment_prefix")) == {
        "XKX": "XKX",
        "XXK": "XXK",
    }
    rows = [numbered("XKX", "Kosovo", f"XK{n:04d}", n) for n in range(1, 7)]
    # Kosovo's second plan ends its first: 5 rows are written before the next member is read.
    rows.append({**numbered("XKX", "Kosovo", "XK0007", 1), "Action Plan Number": "2"})
    rows.append(numbered("XXK", "Somewhere", "XQ0001", 1))

    printed = run_import(current_file(rows, name="ids.csv"))

    assert dict(Member.objects.values_list("code", "commitment_prefix")) == {
        "XKX": "XK",
        "XXK": "XQ",
    }
    assert "  members: 0 created, 2 updated, 0 unchanged" in printed


def test_a_second_member_whose_prefix_is_taken_is_refused_naming_both(current_file):
    path = current_file(
        [
            row("BUENOSAIRES", "Buenos Aires, Argentina", level="Local"),
            {**row("BUENOSCITY", "Buenos City", level="Local"), "Commitment Number": "2"},
        ]
    )

    message = refused(path)

    assert (
        "row 3: commitment prefix BUENOS of Buenos City is already used by member BUENOSAIRES"
    ) in message
