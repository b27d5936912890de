"""A plan with no end date nor end year (the IRM Explorer gives only the year of submission) has
ended, for its status, after the last day of its submission year + LONGEST_PLAN_YEARS: its page says
so and why, the API's row and `?status=` filter agree, the plan list filters by it, the admin too,
and no reminder is sent about it. A plan with an end on record keeps its dates' status."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commitments import tasks
from commitments.models import ActionPlan, Organization
from commitments.models.plans import LONGEST_PLAN_YEARS
from commitments.reminders import add_months
from tests import factories

pytestmark = pytest.mark.django_db

IMPLEMENTATION = ActionPlan.Status.IMPLEMENTATION


def explorer_plan(year: int | None, **kwargs) -> ActionPlan:
    """A plan as the Explorer importer writes it: a submission year, no dates, no end year."""
    values = {
        "start_date": None,
        "end_date": None,
        "submission_year": year,
        "status": IMPLEMENTATION,
    }
    return factories.ActionPlanFactory(**(values | kwargs))


def row_status(client, plan: ActionPlan) -> str:
    response = client.get(f"/api/v1/action-plans/{plan.ogp_id}/")
    assert response.status_code == 200
    return response.json()["status"]


def listed(client, url: str) -> set[str]:
    response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return {row["ogp_id"] for row in response.json()["results"]}


def test_a_2011_plan_with_no_end_has_ended_and_its_page_says_why(client):
    plan = explorer_plan(2011)

    assert row_status(client, plan) == "ended"
    english = client.get(f"/plans/{plan.ogp_id}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert (
        'Ended <span class="muted">(no end date recorded: OGP plans run at most 4 years from '
        "submission, 2011)</span>"
    ) in english
    spanish = client.get(f"/plans/{plan.ogp_id}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "sin fecha de fin registrada: los planes de OGP duran como máximo 4 años" in spanish


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2020 + LONGEST_PLAN_YEARS, 12, 31), IMPLEMENTATION),  # its last day
        (datetime.date(2020 + LONGEST_PLAN_YEARS + 1, 1, 1), ActionPlan.Status.ENDED),
    ],
)
def test_a_plan_submitted_in_2020_runs_to_the_end_of_2024(today, expected):
    values = {"start": None, "end": None, "end_year": None, "submission_year": 2020}
    assert ActionPlan.status_on(IMPLEMENTATION, **values, today=today) == expected


def test_plans_submitted_this_year_or_last_stay_in_implementation(client):
    year = timezone.localdate().year
    this_year, last_year = explorer_plan(year), explorer_plan(year - 1)

    for plan in (this_year, last_year):
        assert row_status(client, plan) == "implementation"
        page = client.get(f"/plans/{plan.ogp_id}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "<dd>In implementation</dd>" in page
        assert "no end date recorded" not in page


def test_a_plan_with_an_end_on_record_keeps_its_dates_status(client):
    today = timezone.localdate()
    # An old submission year does not end a plan whose end year or end date is still ahead.
    by_end_year = explorer_plan(2011, end_year=today.year + 1)
    by_dates = explorer_plan(
        2011,
        start_date=today - datetime.timedelta(days=30),
        end_date=today.replace(year=today.year + 1),
    )
    ended_by_dates = factories.ActionPlanFactory(submission_year=today.year, status=IMPLEMENTATION)

    assert row_status(client, by_end_year) == "implementation"
    assert row_status(client, by_dates) == "implementation"
    assert row_status(client, ended_by_dates) == "ended"  # the factory's 2012-2014 dates
    page = client.get(f"/plans/{by_end_year.ogp_id}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<dd>In implementation</dd>" in page


def test_the_status_filter_finds_what_the_rows_say(client):
    """API and plan list: `?status=` gives exactly the plans whose row has that status."""
    today = timezone.localdate()
    plans = [
        explorer_plan(2011),
        explorer_plan(today.year),
        explorer_plan(today.year - LONGEST_PLAN_YEARS),  # its last year is this one
        explorer_plan(today.year - LONGEST_PLAN_YEARS - 1),
        explorer_plan(None),
        explorer_plan(2011, end_year=today.year),
        explorer_plan(2011, end_year=today.year - 1),
        explorer_plan(2011, status=ActionPlan.Status.WITHDRAWN),
        explorer_plan(2011, status=ActionPlan.Status.ENDED, end_year=today.year + 2),
        explorer_plan(today.year, start_date=today + datetime.timedelta(days=3)),
        factories.ActionPlanFactory(submission_year=today.year),
    ]
    by_row = {status: set() for status in ActionPlan.Status.values}
    for plan in plans:
        by_row[row_status(client, plan)].add(plan.ogp_id)
    assert by_row["ended"] >= {plans[0].ogp_id, plans[3].ogp_id, plans[6].ogp_id}
    assert plans[2].ogp_id in by_row["implementation"]

    for status, ids in by_row.items():
        assert listed(client, f"/api/v1/action-plans/?status={status}&page_size=100") == ids
        page = client.get(f"/plans/?status={status}").content.decode()
        for plan in plans:
            assert (f"/plans/{plan.ogp_id}/" in page) == (plan.ogp_id in ids), (status, plan)


def test_the_status_filter_keeps_the_query_count_flat(client):
    def count(url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    explorer_plan(2011), explorer_plan(2012)
    few = count("/api/v1/action-plans/?status=ended"), count("/plans/?status=ended")
    for year in range(2011, 2029):
        explorer_plan(year)
    # count; page ids; rows; completion figures; outcome figures (tests/api/test_http.py)
    assert few[0] == 5
    assert (count("/api/v1/action-plans/?status=ended"), count("/plans/?status=ended")) == few


def test_the_admin_list_filters_by_the_status_it_shows(client, plan_admin):
    old, running = explorer_plan(2011), explorer_plan(timezone.localdate().year)
    client.force_login(plan_admin)

    page = client.get("/admin/commitments/actionplan/?status=ended").content.decode()
    assert old.ogp_id in page
    assert running.ogp_id not in page
    page = client.get("/admin/commitments/actionplan/?status=implementation").content.decode()
    assert running.ogp_id in page
    assert old.ogp_id not in page


def test_no_reminder_about_a_plan_that_ran_out_its_years(client):
    today = timezone.localdate()
    sent = {}
    for year in (2011, today.year - 1):
        plan = explorer_plan(year)
        commitment = factories.CommitmentFactory(action_plan=plan, start_date=add_months(today, -8))
        civil = factories.OrganizationFactory(kind=Organization.Kind.CIVIL_SOCIETY)
        commitment.monitoring_organizations.add(civil)
        sent[year] = factories.make_editor(civil, username=f"editor{year}")

    assert tasks.send_status_reminders(today.isoformat()) == 1
    assert [message.to for message in mail.outbox] == [[sent[today.year - 1].email]]
