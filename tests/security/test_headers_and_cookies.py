"""What every browser is told: the exact Content-Security-Policy, the framing, sniffing and referrer
headers; cookies a script cannot read and another site cannot send; an 8-hour idle session; a
foreign Host refused; a form post without its CSRF token refused."""

from __future__ import annotations

import pytest
from django.test import Client

from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

# README, "Security": no inline script or style anywhere, nothing from another origin.
CSP = {
    "default-src": {"'self'"},
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "font-src": {"'self'"},
    "connect-src": {"'self'"},
    "frame-ancestors": {"'none'"},
    "object-src": {"'none'"},
    "base-uri": {"'self'"},
    "form-action": {"'self'"},
}


def directives(header: str) -> dict[str, set[str]]:
    parsed = {}
    for directive in filter(None, (part.strip() for part in header.split(";"))):
        name, *sources = directive.split()
        parsed[name] = set(sources)
    return parsed


@pytest.mark.parametrize("path", ["/accounts/login/", "/api/v1/", "/api/docs/"])
def test_every_page_carries_exactly_the_documented_content_security_policy(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert directives(response["Content-Security-Policy"]) == CSP


def test_pages_may_not_be_framed_sniffed_or_leak_their_address(client):
    response = client.get("/accounts/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_session_cookie_is_httponly_lax_and_lasts_eight_idle_hours(client):
    factories.make_editor(username="ana")
    response = client.post("/accounts/login/", {"username": "ana", "password": PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 8 * 60 * 60


def test_each_request_renews_the_idle_session(client):
    factories.make_editor(username="ana")
    client.post("/accounts/login/", {"username": "ana", "password": PASSWORD})
    response = client.get("/accounts/login/")
    assert response.cookies["sessionid"]["max-age"] == 8 * 60 * 60


def test_csrf_cookie_is_httponly_and_lax(client):
    cookie = client.get("/accounts/login/").cookies["csrftoken"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_a_request_for_a_foreign_host_is_refused(client):
    assert client.get("/accounts/login/", HTTP_HOST="ogp-tracker.evil.example").status_code == 400
    assert client.get("/accounts/login/", HTTP_HOST="localhost").status_code == 200


def test_a_form_post_without_its_csrf_token_is_refused():
    # The language switch: a form with no CSRF protection of its own, only the middleware's.
    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 403
    token = client.get("/accounts/login/").cookies["csrftoken"].value
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302
