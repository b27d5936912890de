"""Every persona's pages in a real browser, in Spanish and English, at desktop and phone width: no
serious or critical axe-core finding and no console error on any of them.

axe-core is vendored (tests/browser/vendor/axe-core/, version in AXE_VERSION, with its licence): the
tests fetch nothing. It is evaluated through the DevTools protocol, so the pages keep their real
Content-Security-Policy, and a CSP violation shows up as the console error it is for a user."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from commitments.models import Milestone
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser]

AXE_VERSION = "4.14.1"
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
FAILING_IMPACTS = {"serious", "critical"}
LOCALES = {"es": "es-PE", "en": "en-GB"}
# No allowance: the admin's select2 pickers are named by static/js/admin-select2.js. axe-core itself
# injects a <style> element while it runs, which the CSP blocks (a console error from the evaluated
# script): console errors are read before axe runs, so only the page's own count.
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


def public_pages(world) -> list[str]:
    commitment = world.commitment.ogp_id
    return [
        "/",
        "/plans/",
        f"/plans/{world.plan.ogp_id}/",
        "/commitments/",
        f"/commitments/{commitment}/",
        "/search/?q=portal",
        "/data/",
        "/members/",
        "/organizations/",
        f"/organizations/{world.civil.slug}/",
    ]


def editor_pages(world) -> list[str]:
    commitment = world.commitment.ogp_id
    return [
        "/my/commitments/",
        f"/commitments/{commitment}/",
        f"/commitments/{commitment}/report/",
        f"/commitments/{commitment}/milestones/{Milestone.objects.filter(commitment=world.commitment).first().pk}/progress/new/",
    ]


def researcher_pages(world) -> list[str]:
    return [
        "/irm/reports/",
        f"/irm/reports/{world.draft.pk}/",
        f"/irm/reports/{world.draft.pk}/assess/{world.commitment.ogp_id}/",
    ]


def admin_pages(world) -> list[str]:
    return [
        "/admin/",
        "/admin/commitments/commitment/",
        f"/admin/commitments/commitment/{world.commitment.pk}/change/",
        "/admin/commitments/actionplan/",
        f"/admin/commitments/actionplan/{world.plan.pk}/change/",
        "/admin/reviews/irmreport/",
    ]


PERSONAS = {
    "visitor": (None, public_pages),
    "editor": ("editor", editor_pages),
    "researcher": ("researcher", researcher_pages),
    "planadmin": ("planadmin", admin_pages),
}


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.locator("main form input[name=username]").fill(username)
    page.locator("main form input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def findings(page) -> list[str]:
    """axe-core's serious and critical violations on the page, one line each."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    lines = []
    for violation in result["violations"]:
        if violation["impact"] not in FAILING_IMPACTS:
            continue
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        if targets:
            lines.append(f"{violation['id']} ({violation['impact']}): {targets[:3]}")
    return lines


def record_console_error(errors: list[str]):
    def record(message) -> None:
        if message.type == "error":
            where = message.location
            errors.append(f"{message.text} ({where.get('url')}:{where.get('lineNumber')})")

    return record


@pytest.mark.parametrize("persona", PERSONAS)
def test_pages_have_no_serious_axe_findings_and_no_console_errors(
    persona, new_page, live_server, world
):
    username, pages = PERSONAS[persona]
    problems: list[str] = []
    for language, locale in LOCALES.items():
        for width, viewport in VIEWPORTS.items():
            page = new_page(viewport=viewport, locale=locale)
            errors: list[str] = []
            page.on("console", record_console_error(errors))
            page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
            if username:
                log_in(page, live_server.url, username)
            for path in pages(world):
                errors.clear()
                response = page.goto(live_server.url + path)
                where = f"{persona} {language} {width} {path}"
                if response is None or response.status != 200:
                    problems.append(f"{where}: HTTP {response and response.status}")
                    continue
                lang = page.evaluate("document.documentElement.lang")
                if not re.match(language, lang or ""):
                    problems.append(f"{where}: <html lang={lang!r}>")
                problems += [f"{where}: console: {text}" for text in errors]
                problems += [f"{where}: {line}" for line in findings(page)]
            page.context.close()
    assert problems == [], "\n".join(problems)


def test_vendored_axe_is_the_pinned_version_with_its_licence():
    head = AXE.read_text(encoding="utf-8")[:300]
    assert f"axe v{AXE_VERSION}" in head
    assert (AXE.parent / "LICENSE").read_text().startswith("Mozilla Public License, version 2.0")


def test_the_check_catches_a_real_finding(new_page, live_server, world):
    """The harness is not blind: an image without alternative text is a critical finding."""
    page = new_page()
    page.goto(live_server.url + "/")
    assert findings(page) == []
    page.evaluate(
        "() => { const img = document.createElement('img');"
        " img.src = '/static/img/icon-32.png'; document.querySelector('main').append(img); }"
    )
    assert [line.split(" ")[0] for line in findings(page)] == ["image-alt"]


def test_api_docs_load_offline_in_the_page_language(new_page, live_server, world):
    """Swagger UI renders from the vendored files alone: no request leaves the site, no console
    error, and the operations read in the page's language."""
    for language, locale in LOCALES.items():
        page = new_page(locale=locale)
        elsewhere: list[str] = []
        errors: list[str] = []
        page.on("console", record_console_error(errors))
        page.on(
            "request",
            lambda request, elsewhere=elsewhere: (
                None if request.url.startswith(live_server.url) else elsewhere.append(request.url)
            ),
        )
        page.goto(live_server.url + "/api/docs/")
        page.locator(".opblock-summary-description").first.wait_for()
        titles = page.locator(".opblock-summary-description").all_inner_texts()
        expected = "Miembros OGP" if language == "es" else "OGP members"
        assert expected in titles, titles[:5]
        # A padlock on the writes only: public reads carry none.
        writes = page.locator(".opblock-post, .opblock-patch").count()
        assert writes >= 4
        assert page.locator(".opblock .authorization__btn").count() == writes
        assert elsewhere == [] and errors == [], (elsewhere, errors)
