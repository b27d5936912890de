"""A spreadsheet that exports whole numbers as decimals (`2012.0`, `1.0`) is read the same by the
process importer as by the commitments importer: one rule for whole numbers. Other forms
(`2,012`, `1.5`) are refused by the process importer as before, naming the row and column."""

from __future__ import annotations

import csv
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from commitments.models import ActionPlan, PlanProcess

from .conftest import run_import

pytestmark = pytest.mark.django_db

HEADER = [
    "Country name",
    "Action Plan Number",
    "Year AP Submitted",
    "IAP2 level during development",
    "IAP2 level during imp.",
    "Days in advance",
    "_Number of steps followed (out of 6)",
]


def process_file(tmp_path, *rows: list[str]):
    path = tmp_path / "process.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows([HEADER, *rows])
    return path


def run_process(path) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("import_ogp_process", str(path), stdout=out, stderr=StringIO())
    return out.getvalue()


def test_a_plan_number_and_years_written_as_decimals_import_as_whole_numbers(tmp_path):
    path = process_file(tmp_path, ["Peru", "1.0", "2012.0", "Consult", "Inform", "14.0", "6.00"])

    run_process(path)

    process = PlanProcess.objects.select_related("action_plan").get()
    assert process.action_plan.ogp_id == "AP_PER01"
    assert (process.irm_year_submitted, process.irm_days_in_advance) == (2012, 14)
    assert process.irm_steps_followed == 6


def test_the_commitments_importer_reads_the_same_cells_alike(current_file):
    run_import(
        current_file(
            [
                {
                    "Commitment Unique Identifier": "PE0001",
                    "Country/Locality": "Peru",
                    "Code": "PER",
                    "National Or Local": "National",
                    "Action Plan Number": "1.0",
                    "Commitment Number": "1",
                    "Commitment Title": "Portal de datos abiertos",
                    "Year Of Submission": "2012.0",
                }
            ]
        )
    )

    assert ActionPlan.objects.get().ogp_id == "AP_PER01"
    assert ActionPlan.objects.get().submission_year == 2012


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("Action Plan Number", "1.5", "“1.5” is not a plan number from 1 to 99."),
        ("Year AP Submitted", "2,012", "“2,012” is not a whole number from 0 to 2100."),
    ],
)
def test_a_number_that_is_not_whole_is_still_refused_naming_row_and_column(
    tmp_path, column, value, message
):
    row = ["Peru", "1", "2012", "Consult", "Inform", "", ""]
    row[HEADER.index(column)] = value

    with pytest.raises(CommandError) as error:
        run_process(process_file(tmp_path, row))

    assert f"Row 2, column “{column}”: {message}" in str(error.value)
    assert PlanProcess.objects.count() == 0 and ActionPlan.objects.count() == 0
