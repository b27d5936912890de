"""Shared fixtures. Named ones: editor, researcher, plan_admin, api_client."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rest_framework.test import APIClient

from tests import factories


def find_shared_data(start: Path) -> Path:
    """`shared/data/ogp-irm` beside the checkout or beside any of its parent folders (a clean clone
    has ../shared beside it; a worktree in /work/wt/NAME finds /work/shared). Where none exists, the
    place beside the checkout, so the tests that need it fail saying where they looked."""
    for folder in start.parents:
        candidate = folder / "shared" / "data" / "ogp-irm"
        if candidate.is_dir():
            return candidate
    return start.parents[1] / "shared" / "data" / "ogp-irm"


SHARED_DATA = find_shared_data(Path(__file__).resolve().parent)
EXPLORER_CSV = SHARED_DATA / "explorer-2017-ogpirm_live_data.csv"
PROCESS_CSV = SHARED_DATA / "explorer-2017-process_database.csv"
CURRENT_HEADER_CSV = SHARED_DATA / "current-sheet-header.csv"
# Set by .ci/run: tests that need real services must fail, never skip, when they are missing.
REQUIRE_SERVICES = os.environ.get("OGP_REQUIRE_SERVICES") == "1"


def pytest_configure(config: pytest.Config) -> None:
    # Hashing each password the production way (PBKDF2, about 0.3 s) is what no test is about: every
    # test and every fixture, of any scope, hashes with the fast MD5 hasher. Set once for the session
    # rather than per test through the `settings` fixture.
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # No test fetches the internet: posting evidence links queues a check, which returns at once.
    # tests/commitments/test_evidence_links.py turns checks on against pages it serves itself.
    settings.EVIDENCE_LINK_CHECKS = False


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def tasks_in_process():
    """Celery tasks run in the test's own process, as without a broker. CI sets a broker (and
    tests/integration runs a real worker against it), so a test that checks what a task does
    (an email sent, a link checked) asks for this fixture."""
    from ogptracker.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


@pytest.fixture(autouse=True)
def _clear_cache():
    # Throttle counters and lockouts must not leak from one test into the next.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def shared_explorer_csv() -> Path:
    assert EXPLORER_CSV.exists(), f"The shared IRM dataset is missing: {EXPLORER_CSV}"
    return EXPLORER_CSV


@pytest.fixture
def editor(db):
    return factories.make_editor()


@pytest.fixture
def researcher(db):
    return factories.make_researcher()


@pytest.fixture
def plan_admin(db):
    return factories.make_plan_admin()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()
