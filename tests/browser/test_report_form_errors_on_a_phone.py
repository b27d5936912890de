"""On a phone, a status update refused for an error shows what is wrong first: the box saying
nothing was saved sits above the "Estado actual" panel, on screen, not below the panel out of
sight. Without an error the panel still comes first (it says where the commitment stands)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from commitments.models import StatusUpdate
from tests.browser.conftest import screenshot
from tests.browser.test_journeys import log_in

pytestmark = [pytest.mark.browser]

PHONE_390 = {"width": 390, "height": 844}


def test_the_error_box_is_above_the_current_status_on_a_phone(new_page, live_server, world):
    page = new_page(viewport=PHONE_390)
    log_in(page, live_server.url, "editor")
    page.goto(f"{live_server.url}/commitments/{world.commitment.ogp_id}/report/")
    panel = page.locator("aside.side")
    form = page.locator("form.stacked-form")
    assert panel.bounding_box()["y"] < form.bounding_box()["y"]  # no error: the panel first

    # A refusal by the server (no note), as a browser that does not check required fields sends it.
    page.locator("#id_completion_0").check()
    page.locator("form.stacked-form").evaluate("form => { form.noValidate = true; }")
    page.locator("form.stacked-form button[type=submit]").click()

    errors = page.locator("#form-errors")
    expect(errors).to_contain_text("No se guardó nada")
    assert errors.bounding_box()["y"] < panel.bounding_box()["y"]
    page.evaluate("window.scrollTo(0, 0)")
    expect(errors).to_be_in_viewport()  # seen without scrolling, even with the page at its top
    screenshot(page, "report-form-error-390")
    assert not StatusUpdate.objects.exists()
