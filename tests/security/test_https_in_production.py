"""In production (DEBUG off) every plain-HTTP request is sent to HTTPS, HTTPS answers carry a
year of HSTS, and the session and CSRF cookies are never sent over plain HTTP."""

from __future__ import annotations

import pytest

from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_plain_http_request_is_redirected_to_https(production_client):
    client = production_client()
    response = client.get("/accounts/login/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/accounts/login/"


def test_a_client_claiming_https_in_a_header_is_still_redirected_without_a_proxy(
    production_client,
):
    # Only BEHIND_PROXY=1 makes X-Forwarded-Proto trusted: anyone else could skip the redirect.
    client = production_client()
    response = client.get("/accounts/login/", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 301


def test_behind_a_proxy_its_https_header_is_trusted(production_client):
    client = production_client(BEHIND_PROXY="1", NUM_PROXIES="1")
    response = client.get("/accounts/login/", headers={"x-forwarded-proto": "https"})
    assert response.status_code == 200


def test_https_answers_carry_a_year_of_hsts_with_subdomains_and_preload(production_client):
    client = production_client()
    response = client.get("/accounts/login/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_session_and_csrf_cookies_are_https_only_in_production(production_client):
    factories.make_editor(username="ana")
    client = production_client()
    form = client.get("/accounts/login/", secure=True)
    assert form.cookies["csrftoken"]["secure"] is True
    response = client.post(
        "/accounts/login/", {"username": "ana", "password": PASSWORD}, secure=True
    )
    assert response.status_code == 302
    assert response.cookies["sessionid"]["secure"] is True


def test_cookies_are_not_https_only_on_a_laptop(client):
    # The embedded default serves plain HTTP on 127.0.0.1: a Secure cookie would never come back.
    factories.make_editor(username="ana")
    response = client.post("/accounts/login/", {"username": "ana", "password": PASSWORD})
    assert response.status_code == 302
    assert not response.cookies["sessionid"]["secure"]
