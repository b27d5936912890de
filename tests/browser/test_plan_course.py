"""The plan's course chart in a real browser: the Spanish and English pages draw the same shapes (SVG
coordinates written without the locale) and the browser reports no console error (no CSP refusal,
no invalid attribute)."""

from __future__ import annotations

import datetime

import pytest

from reviews.services import refresh_irm_summary
from tests.browser.conftest import screenshot
from tests.factories import (
    ActionPlanFactory,
    AssessmentFactory,
    CommitmentFactory,
    IRMReportFactory,
    StatusUpdateFactory,
)

pytestmark = [pytest.mark.browser]

SHAPES = """els => els.map(e => { const b = e.getBBox();
    return [e.tagName, Math.round(b.x), Math.round(b.y), Math.round(b.width), Math.round(b.height)]; })"""


@pytest.fixture
def reported_plan(transactional_db):
    plan = ActionPlanFactory(
        start_date=datetime.date(2012, 4, 10), end_date=datetime.date(2014, 6, 30)
    )
    first, second = CommitmentFactory(action_plan=plan), CommitmentFactory(action_plan=plan)
    StatusUpdateFactory(commitment=first, completion="limited", as_of=datetime.date(2013, 1, 15))
    progress = IRMReportFactory(action_plan=plan, published_on=datetime.date(2013, 9, 1))
    AssessmentFactory(report=progress, commitment=first, completion="limited")
    AssessmentFactory(report=progress, commitment=second, completion="not_started")
    end = IRMReportFactory(
        action_plan=plan, kind="end_of_term", published_on=None, publication_year=2015
    )
    AssessmentFactory(report=end, commitment=first, completion="complete")
    refresh_irm_summary([first.pk, second.pk])
    return plan


def test_spanish_and_english_plan_pages_draw_the_same_course_chart_without_errors(
    new_page, live_server, reported_plan
):
    drawn = {}
    for locale in ("es-PE", "en"):
        page = new_page(locale=locale)
        problems: list[str] = []
        page.on("console", lambda m, p=problems: p.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e, p=problems: p.append(str(e)))
        page.goto(f"{live_server.url}/plans/{reported_plan.ogp_id}/", wait_until="networkidle")
        shapes = page.eval_on_selector_all(
            "svg line, svg circle, svg polyline, svg path, svg rect", SHAPES
        )
        screenshot(page, f"plan-course-{locale}")
        assert problems == [], locale
        assert len(shapes) > 5, locale
        drawn[locale] = shapes
    assert drawn["es-PE"] == drawn["en"]
