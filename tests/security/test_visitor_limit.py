"""A visitor without an account may send five questions, flags or follows an hour (README,
`VISITOR_REQUESTS_PER_HOUR`); the sixth is refused."""

from __future__ import annotations

import pytest

from questions.models import Question
from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db


def test_the_sixth_visitor_question_within_an_hour_is_refused(client):
    commitment = CommitmentFactory()
    url = f"/commitments/{commitment.ogp_id}/questions/"
    for n in range(5):
        data = {"kind": "question", "text": f"¿Avance {n}?", "email": "vecina@example.org"}
        assert client.post(url, data).status_code == 302, n
    data = {"kind": "question", "text": "¿Avance 6?", "email": "vecina@example.org"}
    assert client.post(url, data).status_code == 429
    assert Question.objects.count() == 5
