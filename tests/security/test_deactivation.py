"""Deactivating a user ends their sessions and tokens for good; sessions also end when idle."""

from __future__ import annotations

import pytest
from django.conf import settings
from rest_framework.authtoken.models import Token

from tests import factories

pytestmark = pytest.mark.django_db


def test_a_reactivated_user_does_not_get_old_sessions_or_tokens_back(client):
    user = factories.make_editor(username="ed")
    client.force_login(user)
    token = Token.objects.create(user=user)
    assert client.get("/my/commitments/").status_code == 200

    user.is_active = False
    user.save()
    user.is_active = True
    user.save()

    assert client.get("/my/commitments/").status_code == 302  # back to the login page
    assert not Token.objects.filter(key=token.key).exists()


def test_sessions_end_after_an_idle_time_and_each_request_renews_them():
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
