"""A commitment's change history at phone width: a change that retitles it and adds co-leads with
long names (as real OGP files carry) is read without sideways scrolling, in Spanish and English."""

from __future__ import annotations

import pytest

from tests import factories
from tests.browser.conftest import PHONE, screenshot

pytestmark = pytest.mark.browser


def test_change_history_fits_a_phone_screen(new_page, live_server):
    commitment = factories.CommitmentFactory(
        ogp_id="PE0003", title="Desarrollar Portales de Transparencia Estándar"
    )
    # One save that changes several fields, as an admin save does: one table with long labels
    # and long unbreakable words in every column.
    commitment.title = "Desarrollar Portales de Transparencia Estándar en gobiernos regionales"
    commitment.lead_organization = factories.OrganizationFactory(
        name="Oficina Nacional de Gobierno Electrónico e Informática (ONGEI)"
    )
    commitment.save()
    commitment.co_lead_organizations.add(
        factories.OrganizationFactory(name="Autoridad Nacional del Servicio Civil (SERVIR)")
    )
    for locale, words in (
        ("es-PE", ("Organizaciones co-responsables", "añadidas", "ONGEI")),
        ("en", ("Co-lead organisations", "added", "ONGEI")),
    ):
        page = new_page(viewport=PHONE, locale=locale)
        page.goto(f"{live_server.url}/commitments/PE0003/")
        history = page.locator(".change-history").inner_text()
        assert all(word in history for word in words), history
        assert "gobiernos regionales" in history
        screenshot(page, f"change-history-phone-{locale}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the change history ({locale}) is {overflow}px wider than the phone"
