"""In Chromium, in both languages: the home page's rates fit a phone (no sideways scrolling, in
the page or in the table), and the plan page shows its figures and its commitments before the
warnings, at desktop and phone width."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, screenshot

PHONE_390 = {"width": 390, "height": 844}


OVERFLOW = """() => ({
  page: document.documentElement.scrollWidth > window.innerWidth,
  tables: [...document.querySelectorAll('.table-scroll')].some(e => e.scrollWidth > e.clientWidth + 1),
})"""

POSITIONS = """() => {
  const y = s => Math.round(document.querySelector(s).getBoundingClientRect().top + window.scrollY);
  return {figures: y('#figures'), table: y('#commitment-table'), warnings: y('#integrity')};
}"""


@pytest.mark.parametrize("locale", ["es-PE", "en"])
def test_home_rates_fit_a_phone_without_sideways_scrolling(new_page, live_server, world, locale):
    page = new_page(viewport=PHONE_390, locale=locale)
    page.goto(f"{live_server.url}/")
    assert page.evaluate(OVERFLOW) == {"page": False, "tables": False}
    screenshot(page, f"home-phone-{locale}")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE_390], ids=["desktop", "phone"])
@pytest.mark.parametrize("locale", ["es-PE", "en"])
def test_plan_page_shows_figures_and_commitments_before_the_warnings(
    new_page, live_server, world, viewport, locale
):
    page = new_page(viewport=viewport, locale=locale)
    page.goto(f"{live_server.url}/plans/{world.plan.ogp_id}/")
    at = page.evaluate(POSITIONS)
    assert at["figures"] < at["table"] < at["warnings"]
    # The figures start on the first screen.
    assert at["figures"] < viewport["height"]
    # Nothing scrolls sideways, the figures table included (coverage and dates wrap).
    assert page.evaluate(OVERFLOW) == {"page": False, "tables": False}
    screenshot(page, f"plan-{viewport['width']}-{locale}")
