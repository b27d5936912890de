"""A refused file lists its problems in row order, also when a problem found while matching a plan's
rows (a repeated id, row 3) comes before a row that cannot be read at all (row 5)."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from commitments.models import Commitment

from .conftest import run_import
from .test_current_sheet import ROWS

pytestmark = pytest.mark.django_db


def test_problems_are_listed_by_row(current_file):
    local_with_a_nations_code = {
        **ROWS[2],
        "Code": "PER",
        "Action Plan ID": "AP_PER01",
        "Commitment Unique Identifier": "PE0099",
    }
    rows = [
        ROWS[0],
        {**ROWS[1], "Commitment Unique Identifier": "PE0074"},
        ROWS[2],
        local_with_a_nations_code,
    ]

    with pytest.raises(CommandError) as refused:
        run_import(current_file(rows))

    message = str(refused.value)
    repeated = message.index("PE0074 already appears on row 2")
    national = message.index("row 5, PE0099: member PER exists as a national member")
    assert repeated < national
    assert Commitment.objects.count() == 0
