"""OGP's minimum requirements on a real phone screen, in both languages: the block sits beside the
integrity warnings, each requirement reads met / not met / unknown, the meetings table scrolls inside
its box and the page is never wider than the phone. Screenshots go to test-artifacts/."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from commitments.models import Forum, ForumMeeting
from tests import factories
from tests.browser.conftest import ARTIFACTS, PHONE, screenshot

pytestmark = [pytest.mark.browser]


@pytest.fixture
def plan(roles):
    plan = factories.ActionPlanFactory(
        start_date=datetime.date(2015, 1, 1), end_date=datetime.date(2016, 12, 31)
    )
    commitment = factories.CommitmentFactory(
        action_plan=plan, start_date=plan.start_date, end_date=plan.end_date
    )
    factories.MilestoneFactory(commitment=commitment)
    forum = Forum.objects.create(
        action_plan=plan, name="Comisión Multisectorial de Gobierno Abierto"
    )
    for day in (datetime.date(2015, 3, 1), datetime.date(2016, 2, 1)):
        ForumMeeting.objects.create(
            forum=forum,
            date=day,
            government=9,
            civil_society=4,
            private_sector=1,
            other=2,
            minutes_url="https://example.org/acta-de-la-sesion",
        )
    return plan


@pytest.mark.parametrize("locale", ["es-PE", "en-GB"])
def test_a_phone_visitor_reads_the_minimum_requirements_beside_the_warnings(
    new_page, live_server, plan, locale
):
    phone = new_page(viewport=PHONE, locale=locale)
    phone.goto(f"{live_server.url}/plans/{plan.ogp_id}/")
    block = phone.locator("#requirements")
    expect(block).to_be_visible()
    expect(block.locator("#requirement-forum")).to_have_class("requirement requirement-not_met")
    # The day written as the page writes every date (ogptracker/formats).
    day = {"es-PE": "1 de marzo de 2015", "en-GB": "1 March 2015"}[locale]
    expect(block.locator("#requirement-forum")).to_contain_text(day)
    expect(block.locator("#requirement-commitments")).to_have_class("requirement requirement-met")
    expect(block.locator("#requirement-repository")).to_have_class(
        "requirement requirement-unknown"
    )
    expect(block.locator(".requirement-meetings tbody tr")).to_have_count(2)
    expect(block.locator("h2")).to_be_visible()
    # Beside the integrity warnings: right after them on the page.
    order = phone.evaluate(
        "document.getElementById('integrity').compareDocumentPosition("
        "document.getElementById('requirements'))"
    )
    assert order & 4, "the requirements come after the integrity warnings"
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the plan page is {overflow}px wider than the phone screen"
    screenshot(phone, f"plan-requirements-phone-{locale[:2]}")
    ARTIFACTS.mkdir(exist_ok=True)
    block.screenshot(path=str(ARTIFACTS / f"plan-requirements-block-phone-{locale[:2]}.png"))
