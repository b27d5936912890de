"""The admin side: the correction queue, hiding with a reason and handling a flag through the
services, letting held questions through; official answers read-only."""

from __future__ import annotations

import pytest

from questions.models import OfficialAnswer, Question
from questions.services import answer_question, ask_question
from tests.admin_forms import admin_post_data
from tests.factories import (
    CommitmentFactory,
    OrganizationFactory,
    UserFactory,
    make_official,
    make_plan_admin,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(make_plan_admin())
    return client


def _post(client, question, **changes):
    url = f"/admin/questions/question/{question.pk}/change/"
    data = admin_post_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


def _ask(kind="question", **kwargs):
    return ask_question(
        commitment=CommitmentFactory(), kind=kind, text="x", user=UserFactory(), **kwargs
    )


def test_the_correction_queue_lists_open_flags_only(admin_client):
    flag = _ask("flag")
    _ask("question")
    page = admin_client.get("/admin/questions/question/?queue=open")
    assert page.status_code == 200
    assert list(page.context["cl"].result_list) == [flag]


def test_a_plan_administrator_hides_in_the_admin_with_a_reason(admin_client):
    question = _ask()
    response = _post(admin_client, question, hidden_reason="Spam")
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.state == Question.State.HIDDEN and question.hidden_reason == "Spam"
    assert question.hidden_at is not None


def test_handling_a_flag_in_the_admin_takes_it_off_the_queue(admin_client):
    flag = _ask("flag")
    response = _post(admin_client, flag, resolution="Fecha corregida.")
    assert response.status_code == 302
    assert Question.objects.open_flags().count() == 0


def test_resolving_a_question_that_is_not_a_flag_is_a_form_error(admin_client):
    question = _ask()
    response = _post(admin_client, question, resolution="x")
    assert response.status_code == 200  # the form again, with the error
    question.refresh_from_db()
    assert question.resolved_at is None


def test_held_questions_are_let_through_by_an_admin_action(admin_client, settings):
    settings.QUESTIONS_PREMODERATED = True
    held = _ask()
    response = admin_client.post(
        "/admin/questions/question/", {"action": "release", "_selected_action": [held.pk]}
    )
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.state == Question.State.PUBLIC and held.published_at is not None


def test_official_answers_cannot_be_edited_in_the_admin(admin_client):
    lead = OrganizationFactory()
    question = ask_question(
        commitment=CommitmentFactory(lead_organization=lead), text="?", user=UserFactory()
    )
    answer = answer_question(question=question, author=make_official(lead), text="A")
    url = f"/admin/questions/officialanswer/{answer.pk}/change/"
    assert admin_client.get(url).status_code == 200  # viewable
    admin_client.post(url, {"text": "B"})
    assert OfficialAnswer.objects.get().text == "A"


def test_the_admin_question_list_query_count_stays_flat(admin_client, django_assert_num_queries):
    for _ in range(2):
        _ask()
    # session, user, user and group permissions, two counts, the rows with their commitments,
    # the date hierarchy's range and days, and the savepoint pair around the changelist
    with django_assert_num_queries(12):
        admin_client.get("/admin/questions/question/")
    for _ in range(18):
        _ask()
    with django_assert_num_queries(12):
        admin_client.get("/admin/questions/question/")
