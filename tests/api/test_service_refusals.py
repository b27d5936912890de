"""What a service refuses reaches an API client as the service said it: one exception handler
(ogptracker.api_errors) turns Django's PermissionDenied into 403 and ValidationError into 400 with
the field's message, for every write view (none of them catches these itself)."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token

from questions.models import OfficialAnswer
from questions.services import NOT_OFFICIAL, ask_question
from tests.factories import CommitmentFactory, OrganizationFactory, UserFactory, make_official

pytestmark = pytest.mark.django_db


def _as(api_client, user) -> None:
    api_client.credentials(
        HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}", HTTP_ACCEPT_LANGUAGE="en"
    )


def test_a_services_permission_refusal_is_a_403_with_its_reason(api_client):
    question = ask_question(commitment=CommitmentFactory(), text="¿?", user=UserFactory())
    _as(api_client, make_official(OrganizationFactory()))
    response = api_client.post(
        f"/api/v1/questions/{question.pk}/answers/", {"text": "A"}, format="json"
    )
    assert response.status_code == 403
    assert response.json() == {"detail": str(NOT_OFFICIAL)}


def test_a_services_field_refusal_is_a_400_naming_the_field(api_client):
    lead = OrganizationFactory()
    question = ask_question(
        commitment=CommitmentFactory(lead_organization=lead), text="¿?", user=UserFactory()
    )
    _as(api_client, make_official(lead))
    url = f"/api/v1/questions/{question.pk}/answers/"
    first = api_client.post(url, {"text": "A"}, format="json").json()["id"]
    assert (
        api_client.post(url, {"text": "B", "supersedes": first}, format="json").status_code == 201
    )
    # The serializer accepts it; the service finds the answer already corrected.
    again = api_client.post(url, {"text": "C", "supersedes": first}, format="json")
    assert again.status_code == 400
    assert again.json() == {
        "supersedes": ["That answer was already corrected: correct the newer one."]
    }
    assert OfficialAnswer.objects.count() == 2
