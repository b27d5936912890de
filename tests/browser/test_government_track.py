"""The government's voice in a real browser: a responsible official of the lead organisation records
the government's self-assessment on the commitment page (in Spanish), and a visitor on a phone (390
px) reads the plan page's three tracks in Spanish and English without scrolling sideways.
Screenshots go to test-artifacts/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from commitments.models import StatusUpdate
from tests import factories
from tests.browser.conftest import screenshot
from tests.browser.test_journeys import log_in

pytestmark = [pytest.mark.browser]

PHONE_390 = {"width": 390, "height": 844}


@pytest.fixture
def led_by_a_ministry(world) -> None:
    """The world's commitment, limited by the IRM, is led by a ministry whose official is `official`."""
    ministry = factories.OrganizationFactory(name="Secretaría de Gestión Pública", acronym="SGP")
    world.commitment.lead_organization = ministry
    world.commitment.irm_completion = "limited"
    world.commitment.save(update_fields=["lead_organization", "irm_completion"])
    factories.make_official(ministry, username="official")


def test_official_records_the_governments_assessment_and_the_plan_shows_three_tracks(
    new_page, live_server, world, led_by_a_ministry
):
    base = live_server.url
    ogp_id = world.commitment.ogp_id
    page = new_page(locale="es-PE")
    log_in(page, base, "official")
    page.goto(f"{base}/commitments/{ogp_id}/")
    page.get_by_role("link", name="Registrar la evaluación del gobierno").click()
    expect(page.locator("h1")).to_have_text("Registrar la evaluación del gobierno")
    page.locator("input[name=completion][value=complete]").check()
    page.locator("#id_note").fill("Todas las entidades publican su portal.")
    page.locator("#id_links").fill("https://www.gob.pe/informe-2014")
    page.locator("#id_as_of").fill("2014-06-30")
    screenshot(page, "government-assessment-form")
    page.get_by_role("button", name="Publicar la evaluación del gobierno").click()

    expect(page).to_have_url(re.compile(rf"/commitments/{ogp_id}/$"))
    expect(page.locator(".messages")).to_contain_text("La evaluación del gobierno fue publicada.")
    update = StatusUpdate.objects.get()
    assert (update.voice, update.completion) == ("government", "complete")
    expect(page.locator(".status-summary")).to_contain_text("El gobierno dice")
    expect(page.locator(".disagree-note").first).to_be_visible()  # complete against limited

    for locale, spoken, column in (
        ("es-PE", "gobierno: informó sobre 1 de 2", "Autoevaluación del gobierno"),
        ("en-GB", "government: reported on 1 of 2", "Government's self-assessment"),
    ):
        phone = new_page(viewport=PHONE_390, locale=locale)
        phone.goto(f"{base}/plans/{world.plan.ogp_id}/")
        expect(phone.locator("#voices")).to_contain_text(spoken)
        expect(phone.locator("#commitment-table")).to_contain_text(column)
        expect(phone.locator(".figures table thead")).to_contain_text(
            "Gobierno" if locale == "es-PE" else "Government"
        )
        screenshot(phone, f"plan-three-tracks-phone-{locale}")
        for path in (f"/plans/{world.plan.ogp_id}/", f"/commitments/{ogp_id}/"):
            phone.goto(f"{base}{path}")
            overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path} ({locale}) is {overflow}px wider than the phone"
