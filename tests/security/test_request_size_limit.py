"""Bodies over the limit are refused from Content-Length before anything reads them (413)."""

from __future__ import annotations

import pytest
from django.test import override_settings

from tests import factories

pytestmark = pytest.mark.django_db

BIG = b"x" * 5000


@override_settings(ANONYMOUS_MAX_BYTES=2048, REQUEST_MAX_BYTES=8192)
def test_an_anonymous_body_over_the_limit_is_refused_before_csrf_or_login(client):
    response = client.post("/accounts/login/", data=BIG, content_type="application/octet-stream")
    assert response.status_code == 413

    api = client.post(
        "/api/v1/commitments/PE0001/status-updates/", data=BIG, content_type="application/json"
    )
    assert api.status_code == 413 and "detail" in api.json()


@override_settings(ANONYMOUS_MAX_BYTES=2048, REQUEST_MAX_BYTES=8192)
def test_a_signed_in_user_may_send_more_but_not_without_limit(client):
    client.force_login(factories.make_editor(username="ed"))
    allowed = client.post("/accounts/logout/", data=BIG, content_type="application/octet-stream")
    assert allowed.status_code != 413
    refused = client.post(
        "/accounts/logout/", data=BIG * 2, content_type="application/octet-stream"
    )
    assert refused.status_code == 413
