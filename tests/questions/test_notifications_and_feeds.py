"""Followers hear of questions and answers; the Atom feeds carry them; visitors follow by email."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from django.core import mail

from commitments.models import Follow, VisitorFollow
from questions.services import answer_question, ask_question, hide_question
from tests.factories import (
    CommitmentFactory,
    OrganizationFactory,
    StatusUpdateFactory,
    UserFactory,
    make_official,
    make_plan_admin,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def lead():
    return OrganizationFactory()


@pytest.fixture
def commitment(lead):
    return CommitmentFactory(lead_organization=lead)


def test_followers_are_emailed_questions_and_answers(
    commitment, lead, django_capture_on_commit_callbacks
):
    follower = UserFactory(email="sigue@example.org")
    Follow.objects.create(user=follower, action_plan=commitment.action_plan)
    with django_capture_on_commit_callbacks(execute=True):
        q = ask_question(commitment=commitment, text="¿Avance?", user=UserFactory(email=""))
    assert [m.to for m in mail.outbox] == [["sigue@example.org"]]
    assert "¿Avance?" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        answer_question(question=q, author=make_official(lead), text="Vamos al 50 %.")
    assert [m.to for m in mail.outbox][1:] == [["sigue@example.org"]]
    assert "Vamos al 50 %." in mail.outbox[1].body


def test_an_asker_who_follows_gets_the_answer_once(
    commitment, lead, django_capture_on_commit_callbacks
):
    asker = UserFactory(email="pregunta@example.org")
    Follow.objects.create(user=asker, commitment=commitment)
    q = ask_question(commitment=commitment, text="?", user=asker)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer_question(question=q, author=make_official(lead), text="!")
    assert [m.to for m in mail.outbox] == [["pregunta@example.org"]]


def test_the_feed_carries_questions_and_answers_but_not_hidden_ones(client, commitment, lead):
    StatusUpdateFactory(commitment=commitment)
    q = ask_question(commitment=commitment, text="¿Visible?", user=UserFactory())
    answer_question(question=q, author=make_official(lead), text="Sí.")
    gone = ask_question(commitment=commitment, text="¿Oculta?", user=UserFactory())
    hide_question(question=gone, moderator=make_plan_admin(), reason="spam")
    for url in (
        f"/feeds/commitments/{commitment.ogp_id}/",
        f"/feeds/plans/{commitment.action_plan.ogp_id}/",
        f"/feeds/organizations/{lead.slug}/",
    ):
        response = client.get(url)
        assert response.status_code == 200
        ids = [
            e.find(f"{ATOM}id").text for e in ET.fromstring(response.content).iter(f"{ATOM}entry")
        ]
        assert f"question:{q.pk}" in ids and f"question:{gone.pk}" not in ids
        assert any(i.startswith("answer:") for i in ids)
        assert any(i.startswith("statusupdate:") for i in ids)


def _link(body: str, part: str) -> str:
    return re.search(rf"https?://[^/\s]+(/follow/email/{part}/[^\s]+/)", body).group(1)


def test_a_visitor_follows_by_email_with_double_opt_in_and_can_stop(
    client, commitment, lead, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/follow/email/",
            {"kind": "commitment", "key": commitment.ogp_id, "email": "vecina@example.org"},
        )
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    confirm = _link(mail.outbox[0].body, "confirm")
    # Not confirmed yet: no email about a new question.
    with django_capture_on_commit_callbacks(execute=True):
        ask_question(commitment=commitment, text="¿Uno?", user=UserFactory(email=""))
    assert len(mail.outbox) == 1

    assert client.get(confirm).status_code == 200
    assert VisitorFollow.objects.confirmed().count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        ask_question(commitment=commitment, text="¿Dos?", user=UserFactory(email=""))
    assert [m.to for m in mail.outbox][1:] == [["vecina@example.org"]]
    stop = _link(mail.outbox[1].body, "stop")  # every email carries the link

    assert client.get(stop).status_code == 200  # a page with a button: opening it ends nothing
    assert VisitorFollow.objects.count() == 1
    assert client.post(stop).status_code == 200
    assert VisitorFollow.objects.count() == 0


def test_a_visitor_follow_of_a_plan_hears_of_status_updates(
    client, commitment, django_capture_on_commit_callbacks
):
    from commitments.notifications import notify_status_update

    follow = VisitorFollow.objects.create(email="v@example.org", action_plan=commitment.action_plan)
    VisitorFollow.objects.filter(pk=follow.pk).update(confirmed_at="2026-01-01T00:00Z")
    update = StatusUpdateFactory(commitment=commitment)
    assert notify_status_update(update.pk) == 1
    assert notify_status_update(update.pk) == 0  # never twice
    assert "/follow/email/stop/" in mail.outbox[0].body


def test_visitor_follow_refuses_bad_input_and_robots(client, commitment, settings):
    assert (
        client.post(
            "/follow/email/", {"kind": "commitment", "key": "NOPE", "email": "a@b.org"}
        ).status_code
        == 400
    )
    assert (
        client.post(
            "/follow/email/", {"kind": "commitment", "key": commitment.ogp_id, "email": "no"}
        ).status_code
        == 400
    )
    response = client.post(
        "/follow/email/",
        {"kind": "commitment", "key": commitment.ogp_id, "email": "a@b.org", "website": "x"},
    )
    assert response.status_code == 200 and VisitorFollow.objects.count() == 0
    settings.VISITOR_REQUESTS_PER_HOUR = 1
    data = {"kind": "commitment", "key": commitment.ogp_id, "email": "c@b.org"}
    assert client.post("/follow/email/", data).status_code == 200
    assert client.post("/follow/email/", data).status_code == 429


def test_a_forged_unsubscribe_or_confirmation_link_is_refused(client):
    assert client.get("/follow/email/confirm/1:bad:sig/").status_code == 400
    assert client.get("/follow/email/stop/1:bad/").status_code == 400


def test_the_commitment_page_offers_visitors_a_follow_by_email(client, commitment):
    page = client.get(f"/commitments/{commitment.ogp_id}/").content.decode()
    assert 'action="/follow/email/"' in page
    assert f"/commitments/{commitment.ogp_id}/questions/" in page
