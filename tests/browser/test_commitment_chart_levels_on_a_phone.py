"""A commitment's course chart on a 390px phone, in Spanish and English: every level's name ends
before the plotted lines start, and the first and last days below the plot do not meet. Until
8 December the gutter was one width for both languages, and "Sin evidencia disponible" ran into
the plot."""

from __future__ import annotations

import pytest

from tests.browser.conftest import screenshot
from tests.world import build_reported_plan

pytestmark = [pytest.mark.browser]

PHONE_390 = {"width": 390, "height": 844}
RIGHT_EDGES = "els => els.map(e => { const b = e.getBBox(); return b.x + b.width; })"
SPANS = "els => els.map(e => { const b = e.getBBox(); return [b.x, b.x + b.width]; })"


@pytest.fixture
def reported_commitment(transactional_db):
    _plan, first, _second = build_reported_plan()
    return first


@pytest.mark.parametrize("locale", ["es-PE", "en"])
def test_level_names_and_days_stay_clear_of_the_plot_on_a_phone(
    new_page, live_server, reported_commitment, locale
):
    page = new_page(viewport=PHONE_390, locale=locale)
    page.goto(f"{live_server.url}/commitments/{reported_commitment.ogp_id}/")
    chart = ".commitment-course .course-chart"
    label_ends = page.eval_on_selector_all(f"{chart} .level-label", RIGHT_EDGES)
    plot_start = min(
        page.eval_on_selector_all(f"{chart} > line", "els => els.map(e => e.x1.baseVal.value)")
    )
    (first_start, first_end), (last_start, _last_end) = page.eval_on_selector_all(
        f"{chart} .course-day", SPANS
    )
    screenshot(page, f"commitment-chart-levels-phone-{locale}")
    assert len(label_ends) == 8
    assert max(label_ends) < plot_start, (max(label_ends), plot_start)
    assert first_start >= 0 and first_end < last_start
