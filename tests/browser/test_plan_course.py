"""The plan's course chart in a real browser: the Spanish and English pages draw the same shapes (SVG
coordinates written without the locale) and the browser reports no console error (no CSP refusal,
no invalid attribute)."""

from __future__ import annotations

import pytest

from reviews.services import refresh_irm_summary
from tests.browser.conftest import screenshot
from tests.world import build_reported_plan

pytestmark = [pytest.mark.browser]

SHAPES = """els => els.map(e => { const b = e.getBBox();
    return [e.tagName, Math.round(b.x), Math.round(b.y), Math.round(b.width), Math.round(b.height)]; })"""


@pytest.fixture
def reported_plan(transactional_db):
    plan, first, second = build_reported_plan()
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
