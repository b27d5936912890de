"""The plan's and the commitment's figures over time at phone width, in Spanish and English: the
IRM's figures on each report (a plan with a progress and an end-of-term report) and the day-by-day
tables, once opened, scroll inside their own box; the page itself never scrolls sideways. Until
7 December these three tables had no scrolling box: Peru's first plan was 850 px wide on a 360 px
phone as soon as its end-of-term report was published."""

from __future__ import annotations

import datetime

import pytest

from reviews.services import refresh_irm_summary
from tests import factories
from tests.browser.conftest import PHONE, screenshot

pytestmark = [pytest.mark.browser]

OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"


@pytest.fixture
def plan_with_two_reports(transactional_db):
    plan = factories.ActionPlanFactory(
        start_date=datetime.date(2012, 4, 10), end_date=datetime.date(2014, 12, 31)
    )
    first = factories.CommitmentFactory(action_plan=plan)
    second = factories.CommitmentFactory(action_plan=plan)
    factories.StatusUpdateFactory(
        commitment=first, completion="substantial", as_of=datetime.date(2013, 9, 30)
    )
    progress = factories.IRMReportFactory(
        action_plan=plan, published_on=None, publication_year=2014
    )
    factories.AssessmentFactory(report=progress, commitment=first, completion="limited")
    factories.AssessmentFactory(report=progress, commitment=second, completion="not_started")
    end = factories.IRMReportFactory(
        action_plan=plan, kind="end_of_term", published_on=datetime.date(2015, 11, 30)
    )
    factories.AssessmentFactory(report=end, commitment=first, completion="complete")
    refresh_irm_summary([first.pk, second.pk])
    return plan, first


@pytest.mark.parametrize("locale", ["es-PE", "en"])
def test_figures_over_time_fit_a_phone_screen(new_page, live_server, plan_with_two_reports, locale):
    plan, commitment = plan_with_two_reports
    page = new_page(viewport=PHONE, locale=locale)
    for path, name in (
        (f"/plans/{plan.ogp_id}/", "plan"),
        (f"/commitments/{commitment.ogp_id}/", "commitment"),
    ):
        page.goto(f"{live_server.url}{path}")
        if name == "plan":
            assert page.locator(".irm-bases table").is_visible()
        page.locator(".plan-course details").first.evaluate("d => d.open = true")
        screenshot(page, f"course-tables-phone-{name}-{locale}")
        overflow = page.evaluate(OVERFLOW)
        assert overflow <= 0, f"the {name} page ({locale}) is {overflow}px wider than the phone"
