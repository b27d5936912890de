"""Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

The browser is never downloaded: it must be /usr/bin/chromium (installed by `make test` and .ci/run).
When it is missing the tests fail and say why; they never skip.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def browser() -> Iterator:
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: install Debian's chromium (`make chromium`, or "
            "`apt-get install chromium`) to run the browser tests."
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, so Django would refuse the ORM calls
    # the tests make. Allow them only while the browser runs: the variable must not leak into other
    # tests (`check --deploy` rightly refuses it).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    # A live-server test flushes the database when it ends, which also removes the role groups that
    # a data migration made. Put them back after the flush, so later tests find them as they expect.
    result = yield
    from pytest_django.plugin import blocking_manager_key

    from ogptracker.roles import sync_roles

    with item.config.stash[blocking_manager_key].unblock():
        sync_roles()
    return result


@pytest.fixture
def roles(transactional_db) -> None:
    # Transactional tests flush the database between tests, which removes the role groups that a
    # data migration created; put them back (idempotent).
    from ogptracker.roles import sync_roles

    sync_roles()


@pytest.fixture
def new_page(browser, live_server, roles, settings):
    """Open a page in a fresh browser context (own cookies), Spanish by default like a Lima user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    contexts = []

    def open_page(viewport: dict | None = None, locale: str = "es-PE"):
        context = browser.new_context(viewport=viewport or DESKTOP, locale=locale)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under test-artifacts/ (kept by CI as an artefact)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
