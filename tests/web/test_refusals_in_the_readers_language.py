"""A refusal is in the reader's own language, in the API and on the page: an editor who may not
record an outcome check, an official of another organisation answering a question, someone who is
not a plan administrator hiding one. Each is translated when it is shown, not once when the code is
loaded (which gave English readers the Spanish text)."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token

from tests import factories

pytestmark = pytest.mark.django_db

ENGLISH = (
    "Only a civil-society editor of an organisation monitoring this commitment, or an IRM "
    "researcher of its plan, may record outcome checks."
)
SPANISH = (
    "Solo un editor de una organización de la sociedad civil que monitorea este compromiso, o un "
    "investigador del MRI de su plan, puede registrar verificaciones de resultado."
)


@pytest.mark.parametrize(
    ("language", "message"), [("en", ENGLISH), ("es", SPANISH)], ids=["en", "es"]
)
def test_an_outsider_is_refused_in_their_language(api_client, client, language, message):
    commitment = factories.CommitmentFactory(self_reported_completion="complete")
    outsider = factories.make_editor()  # monitors nothing here
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=outsider).key}")

    response = api_client.post(
        f"/api/v1/commitments/{commitment.ogp_id}/outcome-checks/",
        {"verdict": "dead_letter", "checked_on": "2015-06-30", "note": "x"},
        format="json",
        HTTP_ACCEPT_LANGUAGE=language,
    )

    assert response.status_code == 403
    assert response.json()["detail"] == message

    client.force_login(outsider)
    page = client.get(
        f"/commitments/{commitment.ogp_id}/outcome-checks/new/", HTTP_ACCEPT_LANGUAGE=language
    )
    assert page.status_code == 403
    assert message in page.content.decode()


NOT_OFFICIAL = {
    "en": "Only a responsible official of the organisation that leads this commitment may answer.",
    "es": "Solo un funcionario responsable de la organización que lidera este compromiso puede "
    "responder.",
}
NOT_MODERATOR = {
    "en": "Only a plan administrator may moderate questions.",
    "es": "Solo un administrador de planes puede moderar preguntas.",
}


@pytest.mark.parametrize("language", ["en", "es"])
def test_questions_refuse_an_answer_or_a_moderation_in_the_readers_language(
    api_client, client, language
):
    from questions.services import ask_question

    commitment = factories.CommitmentFactory()
    question = ask_question(commitment=commitment, text="¿Cuándo?", user=factories.UserFactory())
    official_elsewhere = factories.make_official(factories.OrganizationFactory())
    api_client.credentials(
        HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=official_elsewhere).key}"
    )

    answer = api_client.post(
        f"/api/v1/questions/{question.pk}/answers/",
        {"text": "En marzo."},
        format="json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    client.force_login(official_elsewhere)
    hide = client.post(
        f"/questions/{question.pk}/hide/", {"reason": "spam"}, HTTP_ACCEPT_LANGUAGE=language
    )

    assert answer.status_code == 403
    assert answer.json()["detail"] == NOT_OFFICIAL[language]
    assert hide.status_code == 403
    assert NOT_MODERATOR[language] in hide.content.decode()
