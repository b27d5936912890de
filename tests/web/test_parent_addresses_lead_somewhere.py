"""A person who shortens an address to its parent (`/irm/` from `/irm/reports/`, `/downloads/` from
`/downloads/commitments.csv`, `/my/`, `/accounts/`) is led to the list it belongs to, not a 404."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("address", "target", "status"),
    [
        ("/irm/", "/irm/reports/", 301),
        ("/downloads/", "/data/", 301),
        ("/accounts/", "/accounts/login/", 302),
    ],
)
def test_a_parent_address_leads_to_its_list(client, address, target, status):
    response = client.get(address)

    assert response.status_code == status
    assert response["Location"] == target


@pytest.mark.parametrize("address", ["/", "/data/", "/api/", "/api/v1/"])
def test_parents_that_are_pages_answer(client, address):
    assert client.get(address).status_code == 200


def test_my_asks_a_visitor_to_log_in(client):
    response = client.get("/my/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/my/")


def test_my_leads_an_editor_to_their_commitments(client, editor):
    client.force_login(editor)

    assert client.get("/my/")["Location"] == "/my/commitments/"


def test_my_leads_an_official_to_their_commitments(client):
    client.force_login(factories.make_official())

    assert client.get("/my/")["Location"] == "/my/commitments/"


def test_my_leads_anyone_else_to_what_they_follow(client, researcher):
    client.force_login(researcher)

    assert client.get("/my/")["Location"] == "/my/follows/"
