"""What the importer does once a file's rows are written: the organisation counts and warnings the
operator reads, and the commitments' cached IRM year refreshed when a report's year moves."""

from __future__ import annotations

import pytest

from commitments.models import Commitment, Organization

from .conftest import run_import
from .test_current_sheet import ROWS

pytestmark = pytest.mark.django_db

YEAR = "Report Publication Year (Progress Report)"


def test_a_report_whose_year_moves_refreshes_its_commitments_cached_year(current_file):
    run_import(current_file(ROWS[:2]))
    assert dict(Commitment.objects.values_list("ogp_id", "irm_report_year")) == {
        "PE0074": 2018,
        "PE0075": 2020,  # its latest is the end-of-term report
    }

    printed = run_import(current_file([{**row, YEAR: "2019"} for row in ROWS[:2]]))

    assert "IRM reports: 0 created, 1 updated, 1 unchanged" in printed
    assert "assessments: 0 created, 0 updated, 3 unchanged" in printed
    # No assessment changed, yet the commitment rated by that report shows the report's new year.
    assert dict(Commitment.objects.values_list("ogp_id", "irm_report_year")) == {
        "PE0074": 2019,
        "PE0075": 2020,
    }


def test_organisations_are_counted_created_then_unchanged_with_their_names(current_file):
    path = current_file(ROWS[:2])

    printed = run_import(path)
    assert "organisations: 2 created, 0 updated, 0 unchanged" in printed
    assert "organisation names: 8 created, 0 updated, 0 unchanged" in printed
    assert Organization.objects.count() == 2

    again = run_import(path)
    assert "organisations: 0 created, 0 updated, 2 unchanged" in again
    assert "organisation names: 0 created, 0 updated, 0 unchanged" in again


def test_an_organisation_name_too_long_is_shortened_with_a_warning_naming_its_row(current_file):
    long_name = "Ministerio " + "de la transparencia " * 55
    rows = [ROWS[0], {**ROWS[1], "Lead Institution": long_name}]

    printed = run_import(current_file(rows))

    assert "warning: organisation name longer than 1000 characters, shortened (1 row: 3)" in printed
    shortened = Organization.objects.get(name__startswith="Ministerio")
    assert len(shortened.name) <= 1000 and shortened.name.endswith("…")


def test_a_plan_whose_rows_come_back_after_another_plans_continues_its_numbering(
    client, current_file
):
    """Rows of plan 3, then plan 2, then plan 3 again: the returning row's number 2 was already
    seen in plan 3, so it is a commitment added after approval and the second occurrence of 2."""
    plan_2 = {"Action Plan Number": "2", "Action Plan ID": "AP_PER02"}
    rows = [
        ROWS[0],
        ROWS[1],
        {**ROWS[0], **plan_2, "Commitment Unique Identifier": "PE0050", "Commitment Title": "Otro"},
        {**ROWS[1], "Commitment Unique Identifier": "PE0076", "Commitment Title": "Agregado"},
    ]

    printed = run_import(current_file(rows))

    assert "commitments: 4 created, 0 updated, 0 unchanged" in printed
    served = {
        ogp_id: client.get(f"/api/v1/commitments/{ogp_id}/").json()["added_after_approval"]
        for ogp_id in ("PE0074", "PE0075", "PE0050", "PE0076")
    }
    assert served == {"PE0074": False, "PE0075": False, "PE0050": False, "PE0076": True}
    keys = dict(Commitment.objects.values_list("ogp_id", "source_key"))
    assert keys == {
        "PE0074": "PER|3|1|1",
        "PE0075": "PER|3|2|1",
        "PE0050": "PER|2|1|1",
        "PE0076": "PER|3|2|2",  # the file without ids names it by this occurrence
    }
    reasons = set(Commitment.history.values_list("history_change_reason", flat=True))
    assert reasons == {"import_ogp_irm current.csv"}  # what the history page shows as the reason
