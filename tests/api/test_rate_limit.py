"""The anonymous rate limit the README documents, enforced on the public lists."""

from __future__ import annotations

import pytest
from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db

# README, "Public API": "Anonymous clients are rate-limited (`API_ANON_RATE`, default 120/minute".
README_ANON_LIMIT = 120


@pytest.fixture(autouse=True)
def _generous_throttle():
    """Overrides tests/api/conftest.py's: these tests run against the rates as configured."""


def test_readme_documents_the_limit_these_tests_enforce():
    readme = (settings.BASE_DIR / "README.md").read_text(encoding="utf-8")
    assert f"default {README_ANON_LIMIT}/minute" in readme


def test_anonymous_requests_beyond_the_documented_limit_get_429_on_the_commitments_list(
    client, monkeypatch
):
    # All within one window, however slow the machine (under mutmut's tracing 121 requests take
    # more than the minute the limit counts over).
    monkeypatch.setattr(SimpleRateThrottle, "timer", lambda throttle: 1_000_000.0)
    CommitmentFactory()
    for n in range(README_ANON_LIMIT):
        assert client.get("/api/v1/commitments/").status_code == 200, n
    response = client.get("/api/v1/commitments/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
