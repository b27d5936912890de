"""A lead cell naming several institutions: the first leads, every other one co-leads (served by the
API), an institution that leads or co-leads is not also listed as supporting, and a co-lead's or a
supporter's name too long to keep is shortened with a warning naming its row."""

from __future__ import annotations

import pytest

from .conftest import run_import
from .test_current_sheet import ROWS

pytestmark = pytest.mark.django_db


def test_the_second_institution_of_a_two_name_lead_cell_co_leads(client, current_file):
    row = {
        **ROWS[0],
        "Lead Institution": "Ministerio de Economía; Ministerio de Salud",
        "Supporting Institution(s)": "Defensoría del Pueblo",
    }

    run_import(current_file([row]))

    served = client.get("/api/v1/commitments/PE0074/").json()
    assert served["lead_organization"]["name"] == "Ministerio de Economía"
    assert [o["name"] for o in served["co_lead_organizations"]] == ["Ministerio de Salud"]
    assert [o["name"] for o in served["supporting_organizations"]] == ["Defensoría del Pueblo"]


def test_every_other_institution_co_leads_once_and_does_not_also_support(client, current_file):
    row = {
        **ROWS[0],
        "Lead Institution": (
            "Ministerio de Economía; Ministerio de Salud; Ministerio de Justicia; "
            "Ministerio de Salud; Ministerio de Economía"
        ),
        "Supporting Institution(s)": "Ministerio de Justicia; Defensoría del Pueblo",
    }

    run_import(current_file([row]))

    served = client.get("/api/v1/commitments/PE0074/").json()
    assert served["lead_organization"]["name"] == "Ministerio de Economía"
    assert [o["name"] for o in served["co_lead_organizations"]] == [
        "Ministerio de Justicia",
        "Ministerio de Salud",
    ]
    assert [o["name"] for o in served["supporting_organizations"]] == ["Defensoría del Pueblo"]


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        ("Lead Institution", "Ministerio de Economía; {long}"),  # a co-lead
        ("Supporting Institution(s)", "{long}"),
    ],
)
def test_an_institutions_name_too_long_is_shortened_with_a_warning_naming_its_row(
    current_file, column, cell
):
    long_name = "Ministerio " + "de la transparencia " * 55
    rows = [ROWS[0], {**ROWS[1], column: cell.format(long=long_name)}]

    printed = run_import(current_file(rows))

    assert "warning: organisation name longer than 1000 characters, shortened (1 row: 3)" in printed
