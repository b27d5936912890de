"""Pages made for a signed-in user are `Cache-Control: private, no-store`: the IRM workspace, drafts,
/my/ pages, the draft-assessment API; public pages for anonymous visitors are not (issue 13)."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests import factories

pytestmark = pytest.mark.django_db


def assert_private(response) -> None:
    assert response.status_code == 200, response.status_code
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    assert {"private", "no-store"} <= directives, response.get("Cache-Control")
    assert "public" not in directives


def test_editor_pages_are_private(client, world):
    client.force_login(world.editor)

    assert_private(client.get("/my/commitments/"))
    assert_private(client.get("/my/follows/"))
    assert_private(client.get(f"/commitments/{world.commitment.ogp_id}/report/"))


def test_irm_workspace_and_draft_assessment_pages_are_private(client, world):
    client.force_login(world.researcher)

    assert_private(client.get("/irm/reports/"))
    assert_private(client.get(f"/irm/reports/{world.draft.pk}/"))
    assert_private(client.get(f"/irm/reports/{world.draft.pk}/assess/{world.commitment.ogp_id}/"))


def test_a_draft_assessment_read_with_a_token_is_private(world):
    assessment = factories.AssessmentFactory(report=world.draft, commitment=world.commitment)
    api = APIClient()
    token, _ = Token.objects.get_or_create(user=world.researcher)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    assert_private(api.get(f"/api/v1/draft-assessments/{assessment.pk}/"))


def test_a_public_page_for_an_anonymous_visitor_is_not_marked_private(client, world):
    response = client.get(f"/commitments/{world.commitment.ogp_id}/")

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
