"""A confirmation link acts when a person opens it (GET), never on a HEAD: mail scanners, link
previews and uptime checkers ask HEAD of every link in a message, and a HEAD runs the whole view."""

from __future__ import annotations

import pytest

from commitments.follows.visitors import sign
from commitments.models import VisitorFollow
from questions.models import Question
from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db


def test_a_head_on_a_question_confirmation_link_publishes_nothing(client):
    question = Question.objects.create(
        commitment=CommitmentFactory(),
        text="¿Cuándo se publica el padrón?",
        email="ana@example.org",
        state=Question.State.UNCONFIRMED,
    )
    link = f"/questions/confirm/{sign('question', question.pk)}/"

    assert client.head(link).status_code == 405
    question.refresh_from_db()
    assert question.state == Question.State.UNCONFIRMED

    assert client.get(link).status_code == 200
    question.refresh_from_db()
    assert question.state != Question.State.UNCONFIRMED


def test_a_head_on_a_follow_confirmation_link_confirms_nothing(client):
    follow = VisitorFollow.objects.create(email="v@example.org", commitment=CommitmentFactory())
    link = f"/follow/email/confirm/{sign('follow', follow.pk)}/"

    assert client.head(link).status_code == 405
    follow.refresh_from_db()
    assert follow.confirmed_at is None

    assert client.get(link).status_code == 200
    follow.refresh_from_db()
    assert follow.confirmed_at is not None
