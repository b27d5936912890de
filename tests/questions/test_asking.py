"""Asking a public question or flagging wrong data, from an account or as a visitor (double opt-in),
with the spam defences: rate limit per address and per IP, honeypot, no links from visitors."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from questions.models import Question
from tests.factories import CommitmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment():
    return CommitmentFactory()


def _url(commitment) -> str:
    return f"/commitments/{commitment.ogp_id}/questions/"


def _confirm_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/questions/confirm/[^\s]+/)", message.body).group(1)


def test_a_visitor_question_is_public_only_after_the_emailed_link_is_opened(
    client, commitment, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url(commitment),
            {
                "kind": "question",
                "text": "¿Cuándo se publica el padrón?",
                "email": "ana@example.org",
            },
        )
    assert response.status_code == 302
    assert "¿Cuándo se publica el padrón?" not in client.get(_url(commitment)).content.decode()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ana@example.org"]

    link = _confirm_link(mail.outbox[0])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(link).status_code == 200
    page = client.get(_url(commitment)).content.decode()
    assert "¿Cuándo se publica el padrón?" in page
    assert "ana@example.org" not in page  # the address is never shown
    # Opening the link again changes nothing.
    first = Question.objects.get().published_at
    client.get(link)
    assert Question.objects.get().published_at == first


def test_a_forged_confirmation_link_is_refused(client, commitment):
    response = client.get("/questions/confirm/12:forged:sig/")
    assert response.status_code == 400
    assert Question.objects.count() == 0


def test_an_account_holder_question_is_public_at_once(client, commitment):
    client.force_login(UserFactory(first_name="Rosa", last_name="Quispe"))
    response = client.post(_url(commitment), {"kind": "question", "text": "¿Hay presupuesto?"})
    assert response.status_code == 302
    page = client.get(_url(commitment)).content.decode()
    assert "¿Hay presupuesto?" in page and "Rosa Quispe" in page


def test_premoderation_holds_a_question_until_a_moderator_lets_it_through(
    client, commitment, settings
):
    settings.QUESTIONS_PREMODERATED = True
    client.force_login(UserFactory())
    client.post(_url(commitment), {"kind": "question", "text": "¿Retenida?"})
    assert Question.objects.get().state == Question.State.HELD
    assert "¿Retenida?" not in client.get(_url(commitment)).content.decode()


def test_a_flag_of_wrong_data_goes_to_the_correction_queue(client, commitment):
    client.force_login(UserFactory())
    client.post(_url(commitment), {"kind": "flag", "text": "La fecha de inicio está mal."})
    assert list(Question.objects.open_flags().values_list("text", flat=True)) == [
        "La fecha de inicio está mal."
    ]


def test_a_visitor_may_not_post_links(client, commitment):
    response = client.post(
        _url(commitment),
        {"kind": "question", "text": "Mira https://spam.example", "email": "x@example.org"},
    )
    assert response.status_code == 400
    assert "Links are not accepted" in response.content.decode() or "enlaces" in (
        response.content.decode()
    )
    assert Question.objects.count() == 0


def test_the_honeypot_records_nothing_and_looks_like_success(client, commitment):
    response = client.post(
        _url(commitment),
        {"kind": "question", "text": "hola", "email": "bot@example.org", "website": "x"},
    )
    assert response.status_code == 302
    assert Question.objects.count() == 0 and not mail.outbox


def test_visitors_are_limited_per_address_and_per_ip(client, commitment, settings):
    settings.VISITOR_REQUESTS_PER_HOUR = 2
    for n in range(2):
        assert (
            client.post(
                _url(commitment), {"kind": "question", "text": f"q{n}", "email": "a@example.org"}
            ).status_code
            == 302
        )
    # Same address from another IP: refused.
    response = client.post(
        _url(commitment),
        {"kind": "question", "text": "q3", "email": "a@example.org"},
        REMOTE_ADDR="10.0.0.9",
    )
    assert response.status_code == 429
    # Another address from the same IP: refused too.
    response = client.post(
        _url(commitment), {"kind": "question", "text": "q4", "email": "b@example.org"}
    )
    assert response.status_code == 429
    assert Question.objects.count() == 2


def test_an_empty_question_is_a_form_error_not_a_500(client, commitment):
    response = client.post(_url(commitment), {"kind": "question", "text": "", "email": "a@x.org"})
    assert response.status_code == 400
    assert Question.objects.count() == 0


def test_the_questions_page_query_count_stays_flat(client, commitment, django_assert_num_queries):
    from questions.services import ask_question

    user = UserFactory()

    def ask(n: int) -> None:
        for i in range(n):
            ask_question(commitment=commitment, text=f"q{i}", user=user)

    ask(2)
    # commitment, questions, their answers
    with django_assert_num_queries(3):
        assert client.get(_url(commitment)).status_code == 200
    ask(18)
    with django_assert_num_queries(3):
        assert client.get(_url(commitment)).status_code == 200
