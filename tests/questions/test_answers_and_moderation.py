"""Official answers by the lead organisation's responsible officials (never edited: a correction
supersedes), and moderation by plan administrators (hidden with a reason, still counted)."""

from __future__ import annotations

import pytest
from django.core import mail

from questions.models import OfficialAnswer, Question
from questions.services import ask_question
from tests.factories import (
    CommitmentFactory,
    OrganizationFactory,
    UserFactory,
    make_editor,
    make_official,
    make_plan_admin,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]


@pytest.fixture
def lead():
    return OrganizationFactory(name="Ministerio de Justicia")


@pytest.fixture
def commitment(lead):
    return CommitmentFactory(lead_organization=lead)


@pytest.fixture
def question(commitment):
    asker = UserFactory(email="asker@example.org")
    return ask_question(commitment=commitment, text="¿Cuándo?", user=asker)


def _page(client, commitment) -> str:
    return client.get(f"/commitments/{commitment.ogp_id}/questions/").content.decode()


def test_an_official_of_the_lead_organisation_answers_and_the_asker_is_emailed(
    client, lead, commitment, question, django_capture_on_commit_callbacks
):
    client.force_login(make_official(lead))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/questions/{question.pk}/answer/", {"text": "En marzo."})
    assert response.status_code == 302
    page = _page(client, commitment)
    assert "En marzo." in page and "Ministerio de Justicia" in page
    assert [m.to for m in mail.outbox] == [["asker@example.org"]]


def test_an_official_of_a_co_lead_organisation_may_answer(client, commitment, question):
    co_lead = OrganizationFactory()
    commitment.co_lead_organizations.add(co_lead)
    client.force_login(make_official(co_lead))
    assert client.post(f"/questions/{question.pk}/answer/", {"text": "Sí."}).status_code == 302
    assert OfficialAnswer.objects.get().organization == co_lead


@pytest.mark.parametrize(
    "who", ["anonymous", "visitor_account", "official_elsewhere", "editor", "plan_admin"]
)
def test_nobody_else_may_answer(client, question, who):
    users = {
        "anonymous": None,
        "visitor_account": UserFactory(),
        "official_elsewhere": make_official(OrganizationFactory()),
        "editor": make_editor(),
        "plan_admin": make_plan_admin(),
    }
    if users[who] is not None:
        client.force_login(users[who])
    response = client.post(f"/questions/{question.pk}/answer/", {"text": "No."})
    assert response.status_code == 403
    assert OfficialAnswer.objects.count() == 0


def test_a_correction_is_a_new_answer_and_the_first_stays_marked_superseded(
    client, lead, commitment, question
):
    client.force_login(make_official(lead))
    client.post(f"/questions/{question.pk}/answer/", {"text": "En marzo."})
    first = OfficialAnswer.objects.get()
    response = client.post(
        f"/questions/{question.pk}/answer/", {"text": "En abril.", "supersedes": first.pk}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.text == "En marzo."  # never edited in place
    page = _page(client, commitment)
    assert "En marzo." in page and "En abril." in page
    assert "superseded by a correction" in page or "reemplazada" in page
    # The same answer cannot be corrected twice: correct the newer one.
    response = client.post(
        f"/questions/{question.pk}/answer/", {"text": "En mayo.", "supersedes": first.pk}
    )
    assert response.status_code == 400
    assert OfficialAnswer.objects.count() == 2


def test_a_plan_administrator_hides_a_question_with_a_reason_kept_in_public(
    client, commitment, question
):
    client.force_login(make_plan_admin())
    response = client.post(f"/questions/{question.pk}/hide/", {"reason": "Insultos"})
    assert response.status_code == 302
    client.logout()
    page = _page(client, commitment)
    assert "¿Cuándo?" not in page
    assert "Insultos" in page
    question.refresh_from_db()
    assert question.state == Question.State.HIDDEN
    assert commitment.questions.figures().hidden == 1


def test_hiding_without_a_reason_is_a_form_error(client, question):
    client.force_login(make_plan_admin())
    response = client.post(f"/questions/{question.pk}/hide/", {"reason": ""})
    assert response.status_code == 400
    question.refresh_from_db()
    assert question.state == Question.State.PUBLIC


@pytest.mark.parametrize("who", ["anonymous", "official", "editor"])
def test_only_plan_administrators_hide(client, lead, question, who):
    users = {"anonymous": None, "official": make_official(lead), "editor": make_editor()}
    if users[who] is not None:
        client.force_login(users[who])
    response = client.post(f"/questions/{question.pk}/hide/", {"reason": "x"})
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.state == Question.State.PUBLIC


def test_a_hidden_question_cannot_be_answered(client, lead, question):
    from questions.services import hide_question

    hide_question(question=question, moderator=make_plan_admin(), reason="spam")
    client.force_login(make_official(lead))
    response = client.post(f"/questions/{question.pk}/answer/", {"text": "x"})
    assert response.status_code == 400
    assert OfficialAnswer.objects.count() == 0


def test_a_visitor_who_asked_is_emailed_the_answer_once(
    client, lead, commitment, django_capture_on_commit_callbacks
):
    from commitments.follows.visitors import sign
    from questions.notifications import notify_answer
    from questions.services import confirm_question

    visitor_q = ask_question(commitment=commitment, text="¿Y?", email="vecino@example.org")
    confirm_question(token=sign("question", visitor_q.pk))
    mail.outbox.clear()
    client.force_login(make_official(lead))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/questions/{visitor_q.pk}/answer/", {"text": "Ya."})
    assert [m.to for m in mail.outbox] == [["vecino@example.org"]]
    assert notify_answer(OfficialAnswer.objects.get().pk) == 0  # a retried task sends nothing
