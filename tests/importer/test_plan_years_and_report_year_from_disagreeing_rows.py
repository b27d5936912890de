"""Rows of one plan that disagree (issue 17; reviews/importers/parents.py): the plan's submission
and end years come from the first row that gives each, a re-import that changes them updates the
plan and says so, and an IRM report's publication year is the one most of its rows give, the later
year on a tie; a report set back to draft in the app is published again by the file's rows."""

from __future__ import annotations

import pytest

from commitments.models import ActionPlan
from reviews.models import IRMReport

from .conftest import run_import
from .test_current_sheet import ROWS
from .test_worst_cells import rows, warning

pytestmark = pytest.mark.django_db

SUBMITTED, END = "Year Of Submission", "Action Plan End Year"
YEAR = "Report Publication Year (Progress Report)"


def plan_years(client) -> tuple[int | None, int | None]:
    plan = client.get("/api/v1/action-plans/AP_PER03/").json()
    return plan["submission_year"], plan["end_year"]


def test_the_first_row_that_gives_a_plan_year_decides_it(client, current_file):
    path = current_file(
        rows(
            {SUBMITTED: " ", END: "2019"},
            {SUBMITTED: "2017.0", END: "2020"},
            {SUBMITTED: "2016", END: "N/A"},
        )
    )

    run_import(path)

    assert plan_years(client) == (2017, 2019)


def test_a_re_import_that_moves_a_plan_year_updates_the_plan_and_says_so(client, current_file):
    run_import(current_file(rows({SUBMITTED: "2017", END: "2019"}, {}), name="first.csv"))

    printed = run_import(
        current_file(
            rows({SUBMITTED: "2018.0", END: "2019"}, {SUBMITTED: "2017"}), name="again.csv"
        )
    )

    assert plan_years(client) == (2018, 2019)
    assert warning(printed, "action plans:") == "  action plans: 0 created, 1 updated, 0 unchanged"
    assert warning(printed, "action plans updated") == (
        "  action plans updated, by field: year of submission 1 (AP_PER03 (year of submission))"
    )
    # A stale edit of the plan is refused by its version; its history names the file that moved it.
    plan = ActionPlan.objects.get()
    assert plan.version == 2
    assert plan.history.first().history_change_reason == "import_ogp_irm again.csv"


def report_year(client, commitment: str = "PE0001") -> int | None:
    (row,) = client.get("/api/v1/assessments/", {"commitment": commitment}).json()["results"]
    return row["report"]["publication_year"]


@pytest.mark.parametrize(
    ("years", "expected"),
    [
        (["2018", "2019.0", "2018.0", " 2018", "", "2019"], 2018),  # most rows
        (["2018", "2018", "2019", "2019.0", "2017"], 2019),  # a tie: the later year
    ],
    ids=["most-rows", "tie"],
)
def test_an_irm_reports_year_is_the_one_most_of_its_rows_give(
    client, current_file, years, expected
):
    run_import(current_file(rows(*({YEAR: year} for year in years))))

    assert report_year(client) == expected
    assert report_year(client, "PE0003") == expected


def test_a_report_set_back_to_draft_is_published_again_by_the_next_import(client, current_file):
    path = current_file(rows({YEAR: "2018"}, {YEAR: "2018.0"}))
    run_import(path)
    assert IRMReport.objects.get().version == 1  # made published, not published afterwards
    IRMReport.objects.update(state=IRMReport.State.DRAFT)
    assert client.get("/api/v1/assessments/").json()["results"] == []

    printed = run_import(path)

    assert warning(printed, "IRM reports:") == "  IRM reports: 0 created, 1 updated, 0 unchanged"
    assert report_year(client) == 2018
    report = IRMReport.objects.get()
    assert (report.state, report.version) == (IRMReport.State.PUBLISHED, 2)
    assert report.history.first().history_change_reason == "import_ogp_irm current.csv"


def test_the_reports_a_file_makes_are_all_counted_as_created(current_file):
    printed = run_import(current_file(ROWS[:2]))

    assert IRMReport.objects.count() == 2
    assert warning(printed, "IRM reports:") == "  IRM reports: 2 created, 0 updated, 0 unchanged"
