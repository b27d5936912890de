"""The course of the figures over time (the history API, the plan page's day-by-day table) and the
date each track's figures are from (home page, plan page), counted by hand."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from tests.factories import (
    ActionPlanFactory,
    AssessmentFactory,
    CommitmentFactory,
    IRMReportFactory,
    MemberFactory,
    StatusUpdateFactory,
)

pytestmark = pytest.mark.django_db

HISTORY = "/api/v1/stats/completion/history/"


def english(day: datetime.date) -> str:
    with translation.override("en"):
        return date_format(day, "DATE_FORMAT")


@pytest.fixture
def today_is(monkeypatch):
    """Make `timezone.localdate()` (no argument) answer a fixed day, everywhere."""
    real = timezone.localdate

    def fix(day: datetime.date) -> None:
        monkeypatch.setattr(
            timezone,
            "localdate",
            lambda value=None, tz=None: day if value is None else real(value, tz),
        )

    return fix


@pytest.fixture
def reported_plan():
    """Plan XXX-1 (2012-01-01 to 2014-01-01), two commitments a and b.
    Civil society: a limited as of 2012-06-01.
    IRM progress report (published 2013-03-01): a limited, b not started.
    IRM end-of-term report (published 2014-03-01): a complete, b substantial."""
    plan = ActionPlanFactory(member=MemberFactory(code="XXX", name="Xland"), number=1)
    a, b = CommitmentFactory(action_plan=plan), CommitmentFactory(action_plan=plan)
    StatusUpdateFactory(commitment=a, completion="limited", as_of=datetime.date(2012, 6, 1))
    progress = IRMReportFactory(action_plan=plan, published_on=datetime.date(2013, 3, 1))
    AssessmentFactory(report=progress, commitment=a, completion="limited")
    AssessmentFactory(report=progress, commitment=b, completion="not_started")
    end = IRMReportFactory(
        action_plan=plan, kind="end_of_term", published_on=datetime.date(2014, 3, 1)
    )
    AssessmentFactory(report=end, commitment=a, completion="complete")
    AssessmentFactory(report=end, commitment=b, completion="substantial")
    return plan


def history(api_client, plan, **params) -> list[dict]:
    response = api_client.get(HISTORY, {"group_by": "action_plan", "key": plan.ogp_id, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_since_and_until_keep_the_points_on_those_very_days(reported_plan, api_client):
    points = history(api_client, reported_plan, since="2012-06-01", until="2013-03-01")
    assert [p["day"] for p in points] == ["2012-06-01", "2013-03-01"]


def test_history_on_the_progress_report_basis_counts_the_progress_report(reported_plan, api_client):
    points = history(
        api_client, reported_plan, since="2014-03-01", until="2014-03-01", irm_report="progress"
    )
    [point] = points
    # On the progress report's basis, after both reports: a limited, b not started.
    irm = point["completion"]["irm"]
    assert (irm["limited"], irm["not_started"], irm["complete"], irm["substantial"]) == (1, 1, 0, 0)
    assert irm["high_completion_rate"] == {"numerator": 0, "denominator": 2}
    latest = history(api_client, reported_plan, since="2014-03-01", until="2014-03-01")
    # On the latest report (the end-of-term one): a complete, b substantial.
    assert latest[0]["completion"]["irm"]["high_completion_rate"] == {
        "numerator": 2,
        "denominator": 2,
    }


def test_monthly_history_on_the_first_of_a_month_ends_on_that_day(
    reported_plan, api_client, today_is
):
    today_is(datetime.date(2012, 4, 1))
    points = history(api_client, reported_plan, step="month")
    assert [p["day"] for p in points] == ["2012-01-31", "2012-02-29", "2012-03-31", "2012-04-01"]


def test_monthly_history_of_a_plan_starting_today_the_first_has_todays_point(api_client, today_is):
    today_is(datetime.date(2015, 3, 1))
    plan = ActionPlanFactory(start_date=datetime.date(2015, 3, 1), end_date=None)
    CommitmentFactory(action_plan=plan)
    points = history(api_client, plan, step="month")
    assert [(p["day"], p["commitment_count"]) for p in points] == [("2015-03-01", 1)]


def course_days(client, plan) -> list[str]:
    page = client.get(f"/plans/{plan.ogp_id}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    [section] = re.findall(r'<section class="plan-course".*?</section>', page, flags=re.S)
    [body] = re.findall(r"<tbody>(.*?)</tbody>", section, flags=re.S)
    return re.findall(r'<tr>\s*<th scope="row" class="card-title">([^<]*)</th>', body)


def test_an_ended_plans_course_stops_at_its_last_change_not_today(reported_plan, client):
    # Start, civil society's update, the two reports; the plan ended in 2014: no point today.
    expected = [
        datetime.date(2012, 1, 1),
        datetime.date(2012, 6, 1),
        datetime.date(2013, 3, 1),
        datetime.date(2014, 3, 1),
    ]
    assert course_days(client, reported_plan) == [english(day) for day in expected]
    reported_plan.end_date = None
    reported_plan.save()
    running = course_days(client, reported_plan)
    assert running == [english(day) for day in expected] + [english(timezone.localdate())]


def plan_row(page: str, plan) -> str:
    [row] = re.findall(
        rf'<tr>\s*<th scope="row" class="card-title"><a href="/plans/{plan.ogp_id}/">.*?</tr>',
        page,
        flags=re.S,
    )
    return row


def test_home_page_dates_each_track_from_what_the_plan_has(client):
    member = MemberFactory(code="YYY", name="Yland")
    government_only = ActionPlanFactory(member=member, number=1)
    CommitmentFactory(
        action_plan=government_only,
        government_completion="complete",
        government_as_of=datetime.date(2013, 5, 20),
    )
    report_only = ActionPlanFactory(member=member, number=2)
    report = IRMReportFactory(action_plan=report_only, published_on=datetime.date(2014, 3, 1))
    AssessmentFactory(report=report, completion="substantial")

    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    row = plan_row(page, government_only)
    assert f"as of {english(datetime.date(2013, 5, 20))}" in row
    assert "no published IRM report yet" in row and "no status update yet" in row
    row = plan_row(page, report_only)
    assert f"as of {english(datetime.date(2014, 3, 1))}" in row
    assert row.count("no status update yet") == 2  # civil society and the government


def test_plan_page_dates_the_governments_figures_without_any_other_track(client):
    plan = ActionPlanFactory()
    CommitmentFactory(
        action_plan=plan,
        government_completion="limited",
        government_as_of=datetime.date(2013, 5, 20),
    )
    page = client.get(f"/plans/{plan.ogp_id}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    [dates] = re.findall(
        r'<tr class="dates">\s*<th scope="row">Dates from</th>.*?</tr>', page, flags=re.S
    )
    cells = re.findall(r"<td>([^<]*)</td>", dates)
    assert cells == [
        "no published IRM report yet",
        "no status update yet",
        f"as of {english(datetime.date(2013, 5, 20))}",
    ]
