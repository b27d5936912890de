"""The anonymous API limit holds against a made-up X-Forwarded-For: by default (NUM_PROXIES=0) the
client is REMOTE_ADDR; behind a proxy, the address that proxy appended (issue 13)."""

from __future__ import annotations

import pytest
from django.test import override_settings
from rest_framework.throttling import AnonRateThrottle

pytestmark = pytest.mark.django_db
LOCMEM = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
LIMIT = 10


@pytest.fixture
def small_limit(monkeypatch):
    # The rate is read when DRF loads: set it on the class, like tests/api/test_http.py.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": f"{LIMIT}/hour"})


def rest_framework(**extra) -> dict:
    from django.conf import settings

    return {**settings.REST_FRAMEWORK, **extra}


@override_settings(CACHES=LOCMEM)
def test_rotating_x_forwarded_for_does_not_escape_the_anonymous_limit(client, small_limit):
    statuses = [
        client.get(
            "/api/v1/members/",
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n % 250}, 10.{n}.0.1",
        ).status_code
        for n in range(150)
    ]

    assert statuses[:LIMIT] == [200] * LIMIT
    assert set(statuses[LIMIT:]) == {429}


def test_the_default_trusts_no_proxy():
    from django.conf import settings

    assert settings.REST_FRAMEWORK["NUM_PROXIES"] == 0


@override_settings(CACHES=LOCMEM)
def test_behind_one_proxy_each_real_client_has_its_own_limit(client, small_limit):
    with override_settings(REST_FRAMEWORK=rest_framework(NUM_PROXIES=1)):
        # Through the proxy (10.0.0.1), two clients; the first one also forges an address.
        first = [
            client.get(
                "/api/v1/members/",
                REMOTE_ADDR="10.0.0.1",
                HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.1",
            ).status_code
            for n in range(LIMIT + 5)
        ]
        second = client.get(
            "/api/v1/members/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2"
        )

    assert first.count(200) == LIMIT and first[-1] == 429
    assert second.status_code == 200


def test_login_lockouts_count_the_same_client_as_the_throttles(client, settings):
    from axes.models import AccessAttempt, AccessLog

    from tests import factories
    from tests.factories import PASSWORD

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    factories.make_editor(username="ana")
    with override_settings(REST_FRAMEWORK=rest_framework(NUM_PROXIES=1)):
        client.post(
            "/accounts/login/",
            {"username": "ana", "password": "wrong"},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.9",
        )
        client.post(
            "/accounts/login/",
            {"username": "ana", "password": PASSWORD},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR="198.51.100.9",
        )
    # A login without any address (force_login has none): no address, not "-" (an inet column on
    # PostgreSQL refuses that).
    client.force_login(factories.make_editor(username="bea"))

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) in (
        [],
        ["198.51.100.9"],
    )
    assert set(AccessLog.objects.values_list("ip_address", flat=True)) == {"198.51.100.9", None}
