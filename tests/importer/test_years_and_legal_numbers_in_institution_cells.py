"""Years and legal numbers in institution cells are part of the name, not telephones: a cell
"Comisión de Alto Nivel Anticorrupción (2016 - 2018)" names the commission for those years, and
"Comisión Multisectorial (R.S. N° 265-2012-PCM)" cites the resolution that created it; neither
number becomes the commitment's contact telephone."""

from __future__ import annotations

import pytest

from commitments.models import Commitment

from .conftest import run_import
from .test_current_sheet import ROWS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    [
        "Comisión de Alto Nivel Anticorrupción (2016 - 2018)",
        "Ministerio de Salud (2019-2021)",
        "Comisión Nacional (2016-2018), Lima",
        "Consejo Nacional de Transparencia 2014 \u2013 2016",  # an en dash
        "Comisión Multisectorial (R.S. N° 265-2012-PCM)",
        "Secretaría de Gobierno Digital creada por D.S. 004-2013-PCM",
    ],
)
def test_a_year_range_or_a_legal_number_stays_in_the_name(client, current_file, name):
    row = {**ROWS[0], "Supporting Institution(s)": f"{name} ; Tel. 01 219 7000"}
    run_import(current_file([row]))

    served = client.get("/api/v1/commitments/PE0074/").json()
    assert [o["name"] for o in served["supporting_organizations"]] == [name]
    assert Commitment.objects.get().contact_phone == "01 219 7000"
