"""Numbers in institution cells: a seven-digit telephone ("Tel. 311-5930") is the commitment's
contact telephone and leaves the cell; a number with fewer digits (a date such as "1.3.2016", a
law's "N° 29 - 733") is part of the institution's name, not a telephone."""

from __future__ import annotations

import pytest

from commitments.models import Commitment

from .conftest import run_import
from .test_current_sheet import ROWS

pytestmark = pytest.mark.django_db


def test_a_seven_digit_phone_is_the_contact_and_short_numbers_stay_in_names(client, current_file):
    cell = (
        "Defensoría del Pueblo ,  Tel. 311-5930 ;\n"
        "Grupo de Trabajo del 1.3.2016; Comisión de la Ley N° 29 - 733"
    )
    run_import(current_file([{**ROWS[0], "Supporting Institution(s)": cell}]))

    served = client.get("/api/v1/commitments/PE0074/").json()
    assert sorted(o["name"] for o in served["supporting_organizations"]) == [
        "Comisión de la Ley N° 29 - 733",
        "Defensoría del Pueblo",
        "Grupo de Trabajo del 1.3.2016",
    ]
    commitment = Commitment.objects.get()
    assert commitment.contact_phone == "311-5930"
    assert commitment.contact_name == ""
