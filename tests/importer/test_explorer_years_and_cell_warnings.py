"""The years an Explorer row gives its plan and its IRM reports (issue 17): the plan's submission
year and each report's publication year as the API serves them; a year, or a policy-area flag,
that is not one is read as unknown with a warning naming its column and row, and the row still
imports."""

from __future__ import annotations

import pytest

from .conftest import run_import

pytestmark = pytest.mark.django_db

END_OF_TERM = {
    "Completion (end of term)": "d. Complete",
    "Did it open government (end of term only)": "c. Marginal",
}


def test_the_plan_shows_its_submission_year_and_each_report_its_publication_year(
    client, explorer_file
):
    cells = {"Year of submission": "2012.0", "Report publication year (end of term)": "2016"}
    run_import(explorer_file(country="Peru", limit=1, edits={0: {**cells, **END_OF_TERM}}))

    assert client.get("/api/v1/action-plans/AP_PER01/").json()["submission_year"] == 2012
    rows = client.get("/api/v1/assessments/", {"commitment": "PE-P0001"}).json()["results"]
    years = {(row["report"]["kind"], row["report"]["publication_year"]) for row in rows}
    assert years == {("progress", 2014), ("end_of_term", 2016)}


def test_a_year_or_flag_that_is_not_one_is_unknown_with_a_warning_naming_column_and_row(
    client, explorer_file
):
    cells = {
        "Year of submission": "2012-13",
        "Report publication year (progress report)": "Forthcoming",
        "Report publication year (end of term)": "2016?",
        "Access to Information": "Sí",
        **END_OF_TERM,
    }
    printed = run_import(explorer_file(country="Peru", limit=1, edits={0: cells}))

    for column, value in [
        ("Year of submission", "expected a whole number, found “2012-13”"),
        (
            "Report publication year (progress report)",
            "expected a whole number, found “Forthcoming”",
        ),
        ("Report publication year (end of term)", "expected a whole number, found “2016?”"),
        ("Access to Information", "expected 0 or 1, found “Sí”"),
    ]:
        assert f"warning: column “{column}”: {value}: read as unknown (1 row: 3 (Peru 1 1:A))" in (
            printed
        ), printed
    assert client.get("/api/v1/action-plans/AP_PER01/").json()["submission_year"] is None
    rows = client.get("/api/v1/assessments/", {"commitment": "PE-P0001"}).json()["results"]
    assert [row["report"]["publication_year"] for row in rows] == [None, None]
    served = client.get("/api/v1/commitments/PE-P0001/").json()
    assert "access-to-information" not in [area["id"] for area in served["policy_areas"]]
