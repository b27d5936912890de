"""A plan administrator creates, sees and revokes API tokens in the admin (issue 13: the role had
the Token permissions, but the admin checks those of DRF's TokenProxy)."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token

from tests import factories

pytestmark = pytest.mark.django_db
TOKENS = "/admin/authtoken/tokenproxy/"


def test_plan_admin_creates_an_api_token_for_an_editor_in_the_admin(client, plan_admin):
    editor = factories.make_editor(username="integration")
    client.force_login(plan_admin)

    assert client.get(f"{TOKENS}add/").status_code == 200
    response = client.post(f"{TOKENS}add/", {"user": editor.pk})

    assert response.status_code == 302, response.content[:500]
    token = Token.objects.get(user=editor)
    assert client.get(TOKENS).status_code == 200
    assert client.post(f"{TOKENS}{editor.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Token.objects.filter(pk=token.pk).exists()


def test_a_researcher_with_staff_status_still_cannot_create_tokens(client, researcher):
    researcher.is_staff = True
    researcher.save(update_fields=["is_staff"])
    client.force_login(researcher)

    assert client.get(f"{TOKENS}add/").status_code == 403
