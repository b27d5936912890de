"""Login protection, password rules, session ends, and security logging."""

from __future__ import annotations

import logging

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests import factories
from tests.factories import PASSWORD


def _login(client, username: str, password: str, ip: str = "10.0.0.1"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_user_out_from_that_address_with_429(client, caplog):
    user = factories.make_editor(username="ana")
    caplog.set_level(logging.INFO, logger="ogptracker.security")
    for _ in range(4):
        assert _login(client, "ana", "wrong-password").status_code == 200
    assert _login(client, "ana", "wrong-password").status_code == 429

    # Locked even with the right password, from that address...
    assert _login(client, "ana", PASSWORD).status_code == 429
    # ...but not from another one.
    assert _login(client, "ana", PASSWORD, ip="10.0.0.2").status_code == 302
    failures = [r for r in caplog.records if "login failed user=ana ip=10.0.0.1" in r.message]
    assert len(failures) >= 5
    assert any("locked out user=ana" in r.message for r in caplog.records)
    assert any("login succeeded user=ana ip=10.0.0.2" in r.message for r in caplog.records)
    assert user.is_active


@pytest.mark.django_db
def test_refused_permission_is_logged(client, caplog):
    editor = factories.make_editor(username="eve")
    client.force_login(editor)
    caplog.set_level(logging.INFO, logger="ogptracker.security")
    milestone = factories.MilestoneFactory()
    response = client.patch(
        f"/api/v1/milestones/{milestone.pk}/",
        '{"status": "met"}',
        content_type="application/json",
        HTTP_IF_MATCH=f'"milestone-{milestone.pk}-v1"',
    )
    assert response.status_code == 403
    assert any(
        "permission refused status=403" in r.message and "user=eve" in r.message
        for r in caplog.records
    )


@pytest.mark.django_db
def test_refused_web_page_is_logged(client, caplog):
    editor = factories.make_editor(username="mallory")
    client.force_login(editor)
    caplog.set_level(logging.INFO, logger="ogptracker.security")
    commitment = factories.CommitmentFactory()  # not monitored by mallory's organisation
    response = client.get(f"/commitments/{commitment.ogp_id}/report/")
    assert response.status_code == 403
    assert any("status=403" in r.message and "user=mallory" in r.message for r in caplog.records)


@pytest.mark.parametrize("password", ["short1!", "password123", "12345678901"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_uncommon_password_is_accepted():
    validate_password("quipu-andes-ledger-71")


@pytest.mark.django_db
def test_password_change_refuses_a_common_password(client):
    user = factories.make_editor()
    client.force_login(user)
    response = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": "password", "new_password2": "password"},
    )
    assert response.status_code == 200  # the form again, with the error
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


@pytest.mark.django_db
def test_session_ends_on_logout(client):
    admin = factories.make_plan_admin()
    client.force_login(admin)
    cookie = client.cookies["sessionid"].value
    assert client.get("/admin/").status_code == 200
    client.post("/accounts/logout/")
    client.cookies["sessionid"] = cookie  # replaying the old session cookie
    response = client.get("/admin/")
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.django_db
def test_session_ends_when_user_is_deactivated(client):
    admin = factories.make_plan_admin()
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200
    admin.is_active = False
    admin.save(update_fields=["is_active"])
    response = client.get("/admin/")
    assert response.status_code == 302 and "/login/" in response["Location"]
