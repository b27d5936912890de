"""Outcome checks in a real browser: an editor records one on the commitment page, and a visitor on
a phone reads it there and the "did it last?" figure on the plan page. Screenshots go to
test-artifacts/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from commitments.models import OutcomeCheck
from tests.browser.conftest import PHONE, screenshot
from tests.browser.test_journeys import log_in

pytestmark = [pytest.mark.browser]


@pytest.fixture
def reported_complete(world) -> None:
    """Civil society reports the world's commitment complete."""
    world.commitment.self_reported_completion = "complete"
    world.commitment.save(update_fields=["self_reported_completion"])


def test_editor_records_an_outcome_check_and_a_phone_visitor_reads_it(
    new_page, live_server, world, reported_complete
):
    base = live_server.url
    ogp_id = world.commitment.ogp_id
    page = new_page(locale="en-GB")
    log_in(page, base, "editor")
    page.goto(f"{base}/commitments/{ogp_id}/")
    section = page.locator("#outcomes")
    section.get_by_text("Record an outcome check").click()
    section.get_by_label("In force but not applied (dead letter)").check()
    section.get_by_label("Checked on").fill("2015-06-30")
    section.get_by_label("What was found").fill("The portal exists; no ministry updates it.")
    section.get_by_label("Evidence (link)").fill("https://example.org/informe-2015")
    screenshot(page, "outcome-check-form")
    section.get_by_role("button", name="Record the outcome check").click()

    expect(page).to_have_url(re.compile(rf"/commitments/{ogp_id}/#outcome-\d+$"))
    expect(page.locator(".messages")).to_contain_text("Your outcome check was recorded.")
    assert OutcomeCheck.objects.get().verdict == "dead_letter"

    phone = new_page(viewport=PHONE, locale="en-GB")
    phone.goto(f"{base}/commitments/{ogp_id}/")
    timeline = phone.locator(".outcome-timeline")
    expect(timeline).to_contain_text("The portal exists; no ministry updates it.")
    expect(timeline).to_contain_text("The plan ended on")
    screenshot(phone, "commitment-outcomes-phone")
    phone.goto(f"{base}/plans/{world.plan.ogp_id}/")
    expect(phone.locator("#outcomes")).to_contain_text(
        "Of the 1 commitment completed, 0 still in force and applied on"
    )
    screenshot(phone, "plan-outcomes-phone")
    for path in (f"/commitments/{ogp_id}/", f"/plans/{world.plan.ogp_id}/"):
        phone.goto(f"{base}{path}")
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than the phone screen"
