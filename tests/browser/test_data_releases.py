"""In a real browser: a plan administrator makes today's data release from the admin, and a visitor
finds it at /data/, opens its page and its files, with no Content-Security-Policy complaint."""

from __future__ import annotations

import json
import re

import pytest
from django.utils import translation
from django.utils.formats import date_format
from playwright.sync_api import expect

from releases.models import DataRelease
from tests.browser.conftest import screenshot
from tests.browser.test_journeys import log_in

pytestmark = [pytest.mark.browser]


def test_plan_admin_makes_a_release_and_a_visitor_downloads_it(new_page, live_server, world):
    base = live_server.url
    admin_page = new_page()
    log_in(admin_page, base, "planadmin")
    admin_page.goto(f"{base}/admin/releases/datarelease/")
    admin_page.locator("form[action$='/admin/releases/datarelease/make/'] button").click()
    expect(admin_page.locator(".messagelist")).to_be_visible()
    release = DataRelease.objects.get()
    day = release.date.isoformat()

    page = new_page(locale="en-GB")
    complaints: list[str] = []
    page.on("console", lambda message: complaints.append(message.text))
    page.goto(f"{base}/data/")
    expect(page.locator("h1")).to_have_text("Data releases")
    json_ld = json.loads(page.locator("script[type='application/ld+json']").text_content())
    assert json_ld["dataset"][0]["datePublished"] == day
    # Shown as the pages write a date; the address and the package keep the ISO day.
    with translation.override("en"):
        shown = date_format(release.date, "DATE_FORMAT")
    page.get_by_role("link", name=re.compile(shown)).first.click()
    assert page.url.endswith(f"/data/{day}/")
    expect(page.locator("h1")).to_contain_text(shown)
    expect(page.locator("main")).to_contain_text(release.package_sha256)
    expect(page.locator("main")).to_contain_text("This is the first release")
    screenshot(page, "data-release")
    response = page.request.get(f"{base}/data/latest/datapackage.json")
    assert response.ok and response.json()["version"] == day
    assert not [text for text in complaints if "Content Security Policy" in text], complaints
