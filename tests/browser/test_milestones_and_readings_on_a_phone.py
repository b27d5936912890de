"""A commitment's milestones and an indicator's readings on a 390 px phone, in both languages: each
row is a card, as the commitment lists are, and nothing scrolls sideways. Until 8 December both
were four-column tables in a scrolling box: the milestone's state and civil society's report were
off screen, the header row stood 130 px tall, and the readings' caption was cut mid-word."""

from __future__ import annotations

import datetime

import pytest

from commitments.models import IndicatorReading
from tests import factories
from tests.browser.conftest import screenshot
from tests.browser.test_journeys import log_in

pytestmark = [pytest.mark.browser]

PHONE_390 = {"width": 390, "height": 844}
OVERFLOW = """() => ({
  page: document.documentElement.scrollWidth > window.innerWidth,
  tables: [...document.querySelectorAll('.table-scroll')].some(e => e.scrollWidth > e.clientWidth + 1),
})"""


@pytest.mark.parametrize("locale", ["es-PE", "en"])
def test_milestones_and_readings_fit_a_phone(new_page, live_server, world, locale):
    commitment = world.commitment
    factories.MilestoneFactory(
        commitment=commitment,
        title="Portales de transparencia actualizados en todas las entidades",
        due_date=datetime.date(2016, 6, 30),
    )
    indicator = factories.IndicatorFactory(
        commitment=commitment, name="Entidades con portal de transparencia actualizado"
    )
    for day, value in ((datetime.date(2015, 12, 31), 48), (datetime.date(2016, 6, 30), 61)):
        IndicatorReading.objects.create(
            indicator=indicator,
            value=value,
            as_of=day,
            author=world.editor,
            evidence_url="https://www.gob.pe/institucion/pcm/informes-publicaciones/informe",
        )
    page = new_page(viewport=PHONE_390, locale=locale)
    page.goto(f"{live_server.url}/commitments/{commitment.ogp_id}/")

    assert page.evaluate(OVERFLOW) == {"page": False, "tables": False}
    screenshot(page, f"milestones-readings-phone-{locale}")


@pytest.mark.parametrize("locale", ["es-PE", "en"])
def test_a_plans_proposals_and_the_irm_report_list_fit_a_phone(
    new_page, live_server, world, locale
):
    factories.ProposalFactory(
        action_plan=world.plan,
        title="Autoridad Nacional de Transparencia y Acceso a la Información Pública independiente",
        text="Crear un órgano autónomo e independiente que garantice el derecho de acceso.",
        government_response="Se evaluará en el siguiente plan de acción.",
    )
    page = new_page(viewport=PHONE_390, locale=locale)
    page.goto(f"{live_server.url}/plans/{world.plan.ogp_id}/")
    assert page.evaluate(OVERFLOW) == {"page": False, "tables": False}

    log_in(page, live_server.url, "researcher")
    page.goto(f"{live_server.url}/irm/reports/")
    assert page.evaluate(OVERFLOW) == {"page": False, "tables": False}
    screenshot(page, f"irm-reports-phone-{locale}")
