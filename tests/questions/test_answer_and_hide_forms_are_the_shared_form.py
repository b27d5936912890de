"""The official-answer and hide forms of the questions page are the site's shared form
(templates/_form.html), as the ask form below them is: stacked fields with their labels, the site's
button, and a refusal shown in the box saying nothing was saved with the field marked. Until
9 December they were hand-written forms with small (or unstyled) buttons and a bare error list.
Their query counts stay flat as questions grow."""

from __future__ import annotations

import re

import pytest

from questions.models import OfficialAnswer
from questions.services import ask_question
from tests.factories import (
    CommitmentFactory,
    OrganizationFactory,
    UserFactory,
    make_official,
    make_plan_admin,
)

pytestmark = pytest.mark.django_db

TEXTS = {
    "es": {
        "answer": "Publicar la respuesta oficial",
        "hide": "Ocultar esta pregunta",
        "box": "No se guardó nada. Corrija los campos marcados abajo.",
        "required": "Este campo es obligatorio.",
    },
    "en": {
        "answer": "Publish the official answer",
        "hide": "Hide this question",
        "box": "Nothing was saved. Please correct the fields marked below.",
        "required": "This field is required.",
    },
}


@pytest.fixture
def lead():
    return OrganizationFactory(name="Ministerio de Justicia")


@pytest.fixture
def commitment(lead):
    return CommitmentFactory(lead_organization=lead)


@pytest.fixture
def questions(commitment):
    asker = UserFactory()
    return [ask_question(commitment=commitment, text=f"¿Cuándo {n}?", user=asker) for n in (1, 2)]


def _url(commitment) -> str:
    return f"/commitments/{commitment.ogp_id}/questions/"


def _box(page: str, question) -> str:
    """One question's article on the page."""
    return re.search(
        rf'<article class="question" id="question-{question.pk}">.*?</article>', page, re.S
    ).group(0)


def _forms(box: str, action: str) -> list[str]:
    return re.findall(rf'<form[^>]*action="[^"]*/{action}/"[^>]*>.*?</form>', box, re.S)


@pytest.mark.parametrize("language", ["es", "en"])
def test_an_official_answers_through_the_shared_form(client, lead, commitment, questions, language):
    first, second = questions
    OfficialAnswer.objects.create(
        question=second, organization=lead, author=make_official(lead), text="Ya."
    )
    client.force_login(make_official(lead))
    page = client.get(_url(commitment), HTTP_ACCEPT_LANGUAGE=language).content.decode()

    for question in questions:
        [form] = _forms(_box(page, question), "answer")
        assert 'class="stacked-form"' in form
        assert f'<button type="submit" class="button">{TEXTS[language]["answer"]}</button>' in form
        assert form.count('<div class="field">') == 1
        assert re.search(rf'<textarea name="text"[^>]*id="answer-{question.pk}-text"', form)
        assert f'<label for="answer-{question.pk}-text"' in form
        assert "Ministerio de Justicia" in form
    [correction] = _forms(_box(page, second), "answer")
    answer = OfficialAnswer.objects.get()
    assert re.search(rf'<input type="hidden" name="supersedes" value="{answer.pk}"', correction)
    assert not re.search(r'name="supersedes" value="\d', _forms(_box(page, first), "answer")[0])
    assert "button-small" not in page.split('id="questions-heading"')[1]
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_moderator_hides_through_the_shared_form(client, commitment, questions, language):
    client.force_login(make_plan_admin())
    page = client.get(_url(commitment), HTTP_ACCEPT_LANGUAGE=language).content.decode()

    for question in questions:
        [form] = _forms(_box(page, question), "hide")
        assert 'class="stacked-form"' in form
        assert f'<button type="submit" class="button">{TEXTS[language]["hide"]}</button>' in form
        assert re.search(
            rf'<input type="text" name="reason"[^>]*id="hide-{question.pk}-reason"', form
        )
    assert "button-small" not in page.split('id="questions-heading"')[1]
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_refused_answer_marks_its_field_in_its_own_form(
    client, lead, commitment, questions, language
):
    first, second = questions
    client.force_login(make_official(lead))
    response = client.post(
        f"/questions/{second.pk}/answer/", {"text": ""}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 400
    page = response.content.decode()
    [form] = _forms(_box(page, second), "answer")
    assert TEXTS[language]["box"] in form
    field = re.search(r'<div class="field has-error">(.*?)</textarea>', form, re.S).group(1)
    assert TEXTS[language]["required"] in field
    assert "has-error" not in _box(page, first)
    assert page.count("has-error") == 1
    # Sent back, it keeps its label naming the organisation it answers for.
    assert re.search(
        rf'<label for="answer-{second.pk}-text"[^>]*>[^<]*Ministerio de Justicia', form
    )


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_refused_hide_marks_its_field_in_its_own_form(client, commitment, questions, language):
    first = questions[0]
    client.force_login(make_plan_admin())
    response = client.post(
        f"/questions/{first.pk}/hide/", {"reason": ""}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 400
    page = response.content.decode()
    [form] = _forms(_box(page, first), "hide")
    assert TEXTS[language]["box"] in form
    assert re.search(r'<div class="field has-error">.*name="reason"', form, re.S)
    assert page.count("has-error") == 1


def test_an_answer_to_another_questions_answer_is_said_in_the_box(
    client, lead, commitment, questions
):
    first, second = questions
    official = make_official(lead)
    other = OfficialAnswer.objects.create(
        question=first, organization=lead, author=official, text="A."
    )
    client.force_login(official)
    response = client.post(
        f"/questions/{second.pk}/answer/",
        {"text": "B.", "supersedes": other.pk},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    [form] = _forms(_box(response.content.decode(), second), "answer")
    assert "That answer belongs to another question." in form


@pytest.mark.parametrize(("who", "queries"), [("official", 15), ("plan_admin", 11)])
def test_the_questions_page_with_forms_keeps_its_query_count(
    client, lead, commitment, who, queries, django_assert_num_queries
):
    user = make_official(lead) if who == "official" else make_plan_admin()
    client.force_login(user)
    asker = UserFactory()

    def ask(n: int) -> None:
        for i in range(n):
            ask_question(commitment=commitment, text=f"q{i}", user=asker)

    ask(2)
    with django_assert_num_queries(queries):
        assert client.get(_url(commitment)).status_code == 200
    ask(18)
    with django_assert_num_queries(queries):
        assert client.get(_url(commitment)).status_code == 200
