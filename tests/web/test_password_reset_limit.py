"""Password reset is limited per email address and per client address; over the limit the same
"sent" page comes back and no email goes out (issue 13)."""

from __future__ import annotations

import pytest
from django.core import mail

from tests import factories

pytestmark = pytest.mark.django_db
RESET, DONE = "/accounts/password_reset/", "/accounts/password_reset/done/"


def test_twenty_resets_for_one_address_send_at_most_five_emails(client, world):
    responses = [client.post(RESET, {"email": "editor@example.org"}) for _ in range(20)]

    assert {(r.status_code, r["Location"]) for r in responses} == {(302, DONE)}
    assert 1 <= len(mail.outbox) <= 5


def test_one_address_from_twenty_clients_sends_at_most_five_emails(client, world):
    for n in range(20):
        client.post(RESET, {"email": "EDITOR@example.org"}, REMOTE_ADDR=f"10.0.0.{n}")

    assert 1 <= len(mail.outbox) <= 5


def test_one_client_asking_for_twenty_addresses_sends_at_most_five_emails(client):
    users = [factories.UserFactory(username=f"victim{n}") for n in range(20)]

    for user in users:
        response = client.post(RESET, {"email": user.email}, REMOTE_ADDR="10.0.0.66")
        assert response["Location"] == DONE

    assert len(mail.outbox) == 5
    # Another client is not held back by that one.
    client.post(RESET, {"email": users[-1].email}, REMOTE_ADDR="10.0.0.67")
    assert len(mail.outbox) == 6
