"""Questions, official answers and their figures in the API: lists with CSV, ?as_of=, the writes
through the same services as the pages, and flat query counts."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token

from questions.models import OfficialAnswer, Question
from questions.services import answer_question, ask_question, hide_question
from tests.factories import (
    CommitmentFactory,
    OrganizationFactory,
    UserFactory,
    make_official,
    make_plan_admin,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead():
    return OrganizationFactory(slug="minjus", name="Ministerio de Justicia")


@pytest.fixture
def commitment(lead):
    return CommitmentFactory(lead_organization=lead)


def _token(api_client, user) -> None:
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")


def _qa(commitment, lead, n: int = 1) -> list[Question]:
    official = make_official(lead)
    made = []
    for i in range(n):
        q = ask_question(commitment=commitment, text=f"¿{i}?", user=UserFactory())
        answer_question(question=q, author=official, text=f"R{i}")
        made.append(q)
    return made


def test_questions_list_shows_hidden_ones_with_reason_and_without_text(
    api_client, commitment, lead
):
    shown, hidden = _qa(commitment, lead, 2)
    hide_question(question=hidden, moderator=make_plan_admin(), reason="Spam")
    body = api_client.get("/api/v1/questions/", {"commitment": commitment.ogp_id}).json()
    rows = {row["id"]: row for row in body["results"]}
    assert rows[shown.pk]["text"] == "¿0?" and rows[shown.pk]["answer_count"] == 1
    assert rows[hidden.pk]["state"] == "hidden"
    assert rows[hidden.pk]["text"] == "" and rows[hidden.pk]["hidden_reason"] == "Spam"


def test_unconfirmed_questions_are_not_in_the_api(api_client, commitment):
    ask_question(commitment=commitment, text="?", email="a@example.org")
    assert api_client.get("/api/v1/questions/").json()["results"] == []


def test_official_answers_list_and_csv(api_client, commitment, lead):
    _qa(commitment, lead)
    rows = api_client.get("/api/v1/official-answers/").json()["results"]
    assert [(r["organization"], r["text"]) for r in rows] == [("minjus", "R0")]
    csv = api_client.get("/api/v1/official-answers/", {"format": "csv"})
    assert csv.status_code == 200
    assert "R0" in csv.content.decode("utf-8-sig")
    assert "official-answers" in csv["Content-Disposition"]


def test_stats_per_plan_and_organisation_with_as_of(api_client, commitment, lead):
    _qa(commitment, lead)
    body = api_client.get("/api/v1/stats/questions/", {"group_by": "organization"}).json()
    assert body["results"][0]["key"] == "minjus"
    assert (body["results"][0]["asked"], body["results"][0]["answered"]) == (1, 1)
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    past = api_client.get("/api/v1/stats/questions/", {"as_of": yesterday}).json()
    assert past["as_of"] == yesterday and past["results"] == []
    plan = api_client.get(
        "/api/v1/stats/questions/", {"action_plan": commitment.action_plan.ogp_id}
    ).json()
    assert plan["results"][0]["key"] == commitment.action_plan.ogp_id
    csv = api_client.get("/api/v1/stats/questions/", {"format": "csv"})
    assert csv.status_code == 200 and "median_days_to_answer" in csv.content.decode("utf-8-sig")


def test_stats_refuse_a_bad_grouping_or_day_with_400(api_client):
    assert api_client.get("/api/v1/stats/questions/", {"group_by": "x"}).status_code == 400
    assert api_client.get("/api/v1/stats/questions/", {"as_of": "ayer"}).status_code == 400
    response = api_client.get("/api/v1/stats/questions/", {"updated_since": "2000-01-01T00:00:00Z"})
    assert response.status_code == 400 and "updated_since" in response.json()


def test_an_account_asks_through_the_api(api_client, commitment):
    _token(api_client, UserFactory())
    response = api_client.post(
        f"/api/v1/commitments/{commitment.ogp_id}/questions/", {"text": "¿API?"}, format="json"
    )
    assert response.status_code == 201 and response.json()["text"] == "¿API?"
    assert (
        api_client.post(
            f"/api/v1/commitments/{commitment.ogp_id}/questions/", {"text": ""}, format="json"
        ).status_code
        == 400
    )


def test_an_official_answers_and_corrects_through_the_api(api_client, commitment, lead):
    q = ask_question(commitment=commitment, text="?", user=UserFactory())
    _token(api_client, make_official(lead))
    first = api_client.post(f"/api/v1/questions/{q.pk}/answers/", {"text": "A"}, format="json")
    assert first.status_code == 201
    second = api_client.post(
        f"/api/v1/questions/{q.pk}/answers/",
        {"text": "B", "supersedes": first.json()["id"]},
        format="json",
    )
    assert second.status_code == 201 and second.json()["supersedes"] == first.json()["id"]
    rows = api_client.get("/api/v1/official-answers/").json()["results"]
    assert rows[0]["superseded_by"] == second.json()["id"]


def test_someone_elses_official_cannot_answer_through_the_api(api_client, commitment):
    q = ask_question(commitment=commitment, text="?", user=UserFactory())
    _token(api_client, make_official(OrganizationFactory()))
    response = api_client.post(f"/api/v1/questions/{q.pk}/answers/", {"text": "A"}, format="json")
    assert response.status_code == 403
    assert OfficialAnswer.objects.count() == 0


@pytest.mark.parametrize("path", ["/api/v1/questions/", "/api/v1/official-answers/"])
def test_list_queries_stay_flat(api_client, commitment, lead, django_assert_num_queries, path):
    _qa(commitment, lead, 2)
    # the count, the ids of the page, the rows
    with django_assert_num_queries(3):
        assert api_client.get(path).status_code == 200
    _qa(commitment, lead, 18)
    with django_assert_num_queries(3):
        assert api_client.get(path).status_code == 200


def test_stats_queries_stay_flat(api_client, commitment, lead, django_assert_num_queries):
    _qa(commitment, lead, 2)
    # question rows, the commitments' leads, their co-leads, the organisations' names
    with django_assert_num_queries(4):
        api_client.get("/api/v1/stats/questions/", {"group_by": "organization"})
    _qa(CommitmentFactory(lead_organization=lead), lead, 5)
    with django_assert_num_queries(4):
        api_client.get("/api/v1/stats/questions/", {"group_by": "organization"})


def test_updated_since_filters_both_lists(api_client, commitment, lead):
    _qa(commitment, lead)
    for path in ("/api/v1/questions/", "/api/v1/official-answers/"):
        recent = api_client.get(path, {"updated_since": "2000-01-01T00:00:00Z"})
        assert recent.status_code == 200 and len(recent.json()["results"]) == 1
        future = api_client.get(path, {"updated_since": "2999-01-01T00:00:00Z"})
        assert future.status_code == 200 and future.json()["results"] == []
