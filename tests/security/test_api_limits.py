"""The API's rate limits as configured (README, "Public API"): 120 a minute for anonymous
clients, however they name themselves in X-Forwarded-For, and 600 a minute for a signed-in one,
session or token."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from tests import factories

pytestmark = pytest.mark.django_db
ANON_LIMIT, USER_LIMIT = 120, 600
API = "/api/v1/members/"  # any DRF view: the throttles are the default ones


@pytest.fixture(autouse=True)
def _one_window(monkeypatch):
    # Every request in one window, however slow the machine.
    monkeypatch.setattr(SimpleRateThrottle, "timer", lambda throttle: 1_000_000.0)


def test_an_anonymous_client_inventing_forwarded_addresses_is_still_limited(client):
    for n in range(ANON_LIMIT):
        response = client.get(API, headers={"x-forwarded-for": f"203.0.113.{n}"})
        assert response.status_code == 200, n
    response = client.get(API, headers={"x-forwarded-for": "198.51.100.7"})
    assert response.status_code == 429


def test_a_signed_in_user_gets_600_requests_a_minute_then_429(client):
    client.force_login(factories.make_editor(username="ana"))
    for n in range(USER_LIMIT):
        assert client.get(API).status_code == 200, n
    response = client.get(API)
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0


def test_a_token_client_gets_600_requests_a_minute_then_429():
    token = Token.objects.create(user=factories.make_editor(username="ana"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    for n in range(USER_LIMIT):
        assert client.get(API).status_code == 200, n
    assert client.get(API).status_code == 429
