"""A row without an id that its title matches to a commitment takes that commitment for the file:
a later row giving the same id explicitly is refused naming the title-matched row, wherever the
later row stands (the same plan's rows, or the plan's rows coming back after another plan's)."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from commitments.models import Commitment

from .conftest import run_import
from .test_current_sheet import ROWS
from .test_plan_rows_coming_back import PLAN_2, refusal

pytestmark = pytest.mark.django_db

OTHER_PLAN = {**ROWS[1], **PLAN_2, "Commitment Unique Identifier": "PE0050"}


@pytest.mark.parametrize("between", [[], [OTHER_PLAN]], ids=["same plan", "plan comes back"])
def test_an_id_after_a_row_matched_to_it_by_title_is_refused(current_file, between):
    run_import(current_file([ROWS[0]], name="first.csv"))  # PE0074 in the database
    without_id = {**ROWS[0], "Commitment Unique Identifier": ""}
    again = {**ROWS[0], "Commitment Title": "Portal de datos abiertos, segunda versión"}

    problem = refusal(current_file([without_id, *between, again], name="second.csv"))

    assert problem == (
        f"row {3 + len(between)}, PE0074, column “Commitment Unique Identifier”: commitment id "
        "PE0074 is already taken by row 2 (a row without an id, matched to it by its title)"
    )
    assert Commitment.objects.get().title == "Portal de datos abiertos"


def test_the_refusal_reads_in_spanish(current_file):
    run_import(current_file([ROWS[0]], name="first.csv"))
    without_id = {**ROWS[0], "Commitment Unique Identifier": ""}

    with pytest.raises(CommandError) as refused:
        run_import(current_file([without_id, ROWS[0]], name="second.csv"), language="es")

    assert (
        "el id de compromiso PE0074 ya lo tomó la fila 2 (una fila sin id, asociada a él por su "
        "título)" in str(refused.value)
    )
