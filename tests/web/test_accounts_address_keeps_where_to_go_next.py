"""/accounts/ leads to the sign-in page and keeps where to go once signed in (?next=), so a link to
/accounts/?next=... signs the reader in and takes them there."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_accounts_address_keeps_next_on_the_way_to_sign_in(client):
    response = client.get("/accounts/", {"next": "/commitments/"})

    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=%2Fcommitments%2F"


def test_signing_in_from_the_accounts_address_goes_to_next(client):
    factories.UserFactory(username="lectora", password="una clave larga 2026")
    login_page = client.get("/accounts/", {"next": "/commitments/"}, follow=True)
    assert login_page.status_code == 200
    assert 'name="next" value="/commitments/"' in login_page.content.decode()

    response = client.post(
        login_page.request["PATH_INFO"] + "?" + login_page.request["QUERY_STRING"],
        {"username": "lectora", "password": "una clave larga 2026", "next": "/commitments/"},
    )
    assert response.status_code == 302 and response["Location"] == "/commitments/"
