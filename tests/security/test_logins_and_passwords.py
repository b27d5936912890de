"""Guessing passwords: five wrong ones lock one user from one address for 15 minutes (not the
address for everyone, not the user everywhere), a success clears the count; passwords that are
short, common, all digits or like the user's name are refused when a user sets one."""

from __future__ import annotations

import datetime

import pytest
from axes.models import AccessAttempt

from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def login(client, username: str, password: str, ip: str = "10.0.0.1") -> int:
    response = client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)
    client.logout()
    return response.status_code


def lock_out(client, username: str) -> None:
    for _ in range(5):
        login(client, username, "wrong-password")
    assert login(client, username, PASSWORD) == 429


def age_attempts(minutes: int) -> None:
    then = datetime.datetime.now(tz=datetime.UTC) - datetime.timedelta(minutes=minutes)
    assert AccessAttempt.objects.update(attempt_time=then) == 1


def test_a_lockout_still_holds_after_fourteen_minutes(client):
    factories.make_editor(username="ana")
    lock_out(client, "ana")
    age_attempts(14)
    assert login(client, "ana", PASSWORD) == 429


def test_a_lockout_ends_after_fifteen_minutes(client):
    factories.make_editor(username="ana")
    lock_out(client, "ana")
    age_attempts(16)
    assert login(client, "ana", PASSWORD) == 302


def test_a_locked_out_user_does_not_lock_out_their_address_for_others(client):
    factories.make_editor(username="ana")
    factories.make_editor(username="bruno")
    lock_out(client, "ana")
    assert login(client, "bruno", PASSWORD) == 302


def test_a_successful_login_clears_the_count_of_failures(client):
    factories.make_editor(username="ana")
    for _ in range(4):
        assert login(client, "ana", "wrong-password") == 200
    assert login(client, "ana", PASSWORD) == 302
    for _ in range(4):
        assert login(client, "ana", "wrong-password") == 200
    assert login(client, "ana", PASSWORD) == 302


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("Qz7!pXw", "password_too_short"),  # seven characters
        ("iloveyou", "password_too_common"),
        ("83910274650193", "password_entirely_numeric"),
        ("valentina.huaman", "password_too_similar"),
    ],
)
def test_a_weak_new_password_is_refused_saying_why(client, password, code):
    user = factories.make_editor(username="valentina.huaman")
    client.force_login(user)
    response = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200  # the form again
    errors = response.context["form"].errors.as_data()["new_password2"]
    assert code in {error.code for error in errors}
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_long_uncommon_new_password_is_accepted(client):
    user = factories.make_editor(username="valentina.huaman")
    client.force_login(user)
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "quipu-andes-ledger",
            "new_password2": "quipu-andes-ledger",
        },
    )
    assert response.status_code == 302


def test_a_successful_login_is_logged_at_the_level_logging_is_configured_with(client, caplog):
    # No caplog.set_level: the security log's level is LOGGING's, as in production.
    factories.make_editor(username="ana")
    assert login(client, "ana", PASSWORD, ip="10.0.0.7") == 302
    assert any("login succeeded user=ana ip=10.0.0.7" in r.getMessage() for r in caplog.records)
