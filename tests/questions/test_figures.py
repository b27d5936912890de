"""The question figures (questions.figures): asked, answered, median days to answer, open past 30
days, hidden; as of a day; shown on plan and organisation pages."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from questions.models import OfficialAnswer, Question
from tests.factories import CommitmentFactory, OrganizationFactory, UserFactory, make_official

pytestmark = pytest.mark.django_db


def at(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(f"{day}T12:00"))


def question(commitment, published: str, *, hidden: str | None = None, kind="question"):
    q = Question.objects.create(
        commitment=commitment,
        kind=kind,
        text="?",
        author=UserFactory(),
        state=Question.State.HIDDEN if hidden else Question.State.PUBLIC,
        published_at=at(published),
        hidden_at=at(hidden) if hidden else None,
        hidden_reason="spam" if hidden else "",
    )
    return q


def answer(q, day: str, official) -> OfficialAnswer:
    a = OfficialAnswer.objects.create(
        question=q, text="!", author=official, organization=q.commitment.lead_organization
    )
    OfficialAnswer.objects.filter(pk=a.pk).update(answered_at=at(day))
    return a


@pytest.fixture
def lead():
    return OrganizationFactory()


@pytest.fixture
def commitment(lead):
    return CommitmentFactory(lead_organization=lead)


def test_figures_count_answered_median_and_open_past_30_days(commitment, lead):
    official = make_official(lead)
    q1 = question(commitment, "2026-01-01")
    answer(q1, "2026-01-05", official)  # 4 days
    answer(q1, "2026-01-20", official)  # a correction: the first answer counts
    q2 = question(commitment, "2026-01-10")
    answer(q2, "2026-01-20", official)  # 10 days
    question(commitment, "2026-01-02")  # never answered
    question(commitment, "2026-03-01")  # after the day below
    question(commitment, "2026-01-03", hidden="2026-01-04")
    question(commitment, "2026-01-03", kind="flag")  # flags are the correction queue's

    figures = commitment.questions.figures(datetime.date(2026, 2, 15))
    assert figures.asked == 3
    assert figures.answered == 2
    assert figures.median_days_to_answer == 7
    assert figures.open_past_30_days == 1
    assert figures.hidden == 1


def test_figures_as_of_a_day_ignore_what_came_later(commitment, lead):
    official = make_official(lead)
    q = question(commitment, "2026-01-01", hidden="2026-03-01")
    answer(q, "2026-02-20", official)
    before = commitment.questions.figures(datetime.date(2026, 2, 15))
    assert (before.asked, before.answered, before.open_past_30_days, before.hidden) == (1, 0, 1, 0)
    after = commitment.questions.figures(datetime.date(2026, 3, 2))
    assert (after.asked, after.answered, after.hidden) == (0, 0, 1)


def test_unconfirmed_and_held_questions_are_not_counted(commitment):
    Question.objects.create(
        commitment=commitment, text="?", email="a@example.org", state=Question.State.UNCONFIRMED
    )
    Question.objects.create(
        commitment=commitment, text="?", author=UserFactory(), state=Question.State.HELD
    )
    assert commitment.questions.figures().asked == 0


def test_an_organisation_counts_the_questions_on_what_it_leads_or_co_leads(client, lead):
    led = CommitmentFactory(lead_organization=lead)
    co_led = CommitmentFactory()
    co_led.co_lead_organizations.add(lead)
    question(led, "2026-01-01")
    question(co_led, "2026-01-01")
    question(CommitmentFactory(), "2026-01-01")  # someone else's
    assert Question.objects.led_by(lead).figures().asked == 2
    page = client.get(f"/organizations/{lead.slug}/").content.decode()
    assert "question-figures" in page


def test_the_plan_page_shows_the_figures(client, commitment):
    question(commitment, "2026-01-01")
    page = client.get(f"/plans/{commitment.action_plan.ogp_id}/").content.decode()
    assert "question-figures" in page
    assert "/api/v1/stats/questions/?action_plan=" in page


def test_figures_are_one_query(commitment, django_assert_num_queries):
    for _ in range(5):
        question(commitment, "2026-01-01")
    with django_assert_num_queries(1):
        commitment.questions.figures()
