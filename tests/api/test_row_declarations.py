"""Plans, organisations, questions and answers are each declared once (a serializer read by
`RowShape`): their JSON keys and CSV header come out in the declared order, with the values the
row builder computes in place."""

from __future__ import annotations

import csv
import io

import pytest

from questions.services import answer_question, ask_question, hide_question
from tests.factories import (
    CommitmentFactory,
    OrganizationFactory,
    UserFactory,
    make_official,
    make_plan_admin,
)

pytestmark = pytest.mark.world("peru")

PLAN_KEYS = [
    "ogp_id",
    "member",
    "member_name",
    "number",
    "title",
    "start_date",
    "end_date",
    "submission_year",
    "end_year",
    "approval_date",
    "approval_instrument",
    "status",
    "url",
    "commitment_count",
    "completion",
    "outcomes",
    "updated_at",
]
ORGANIZATION_KEYS = [
    "id",
    "name",
    "acronym",
    "kind",
    "member",
    "parent",
    "website",
    "led_commitment_count",
    "completion",
    "updated_at",
]
QUESTION_COLUMNS = [
    "id",
    "commitment",
    "action_plan",
    "member",
    "kind",
    "state",
    "text",
    "asked_by",
    "published_at",
    "hidden_at",
    "hidden_reason",
    "answer_count",
    "resolved_at",
]
ANSWER_COLUMNS = [
    "id",
    "question",
    "commitment",
    "organization",
    "organization_name",
    "answered_by",
    "text",
    "answered_at",
    "supersedes",
    "superseded_by",
]


def _csv(api_client, url: str) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of a list's CSV download."""
    response = api_client.get(url, {"format": "csv"})
    header, *rows = csv.reader(io.StringIO(response.content.decode()))
    return header, rows


def test_a_plan_row_keeps_its_declared_order_and_computed_values(api_client, world):
    row = api_client.get("/api/v1/action-plans/", {"member": "PER"}).json()["results"][0]
    assert list(row) == PLAN_KEYS
    assert (row["ogp_id"], row["member"], row["member_name"]) == ("AP_PER01", "PER", "Peru")
    assert row["status"] == "ended"  # from its dates, not as stored
    assert row["commitment_count"] == row["completion"]["irm"]["complete_rate"]["denominator"]
    header, _ = _csv(api_client, "/api/v1/action-plans/")
    assert header[: PLAN_KEYS.index("completion")] == PLAN_KEYS[: PLAN_KEYS.index("completion")]
    assert header[-1] == "updated_at"


def test_an_organisation_row_keeps_its_declared_order(api_client, world):
    child = OrganizationFactory(slug="minjus", name="Ministerio de Justicia", parent=world.lead)
    CommitmentFactory(lead_organization=child, action_plan=world.plan)
    row = api_client.get("/api/v1/organizations/minjus/").json()
    assert list(row) == ORGANIZATION_KEYS
    assert (row["id"], row["parent"], row["led_commitment_count"]) == ("minjus", world.lead.slug, 1)
    header, _ = _csv(api_client, "/api/v1/organizations/")
    assert header[:8] == ORGANIZATION_KEYS[:8] and header[-1] == "updated_at"


def test_question_and_answer_rows_keep_their_declared_order(api_client, world):
    lead = OrganizationFactory(slug="minjus")
    commitment = CommitmentFactory(lead_organization=lead, action_plan=world.plan)
    answered = ask_question(commitment=commitment, text="=¿Cuándo?", user=UserFactory())
    hidden = ask_question(commitment=commitment, text="spam", user=UserFactory(first_name="Ana"))
    hide_question(question=hidden, moderator=make_plan_admin(), reason="Spam")
    official = make_official(lead)
    official.first_name, official.last_name = "Rosa", "Quispe"
    official.save()
    answer_question(question=answered, author=official, text="En marzo.")

    rows = api_client.get("/api/v1/questions/").json()["results"]
    assert [list(row) for row in rows] == [[*QUESTION_COLUMNS, "updated_at"]] * 2
    assert rows[1]["text"] == "" and rows[1]["asked_by"] == "Ana"
    assert rows[1]["updated_at"] == rows[1]["hidden_at"]
    assert (rows[0]["member"], rows[0]["answer_count"]) == ("PER", 1)
    header, lines = _csv(api_client, "/api/v1/questions/")
    assert header == QUESTION_COLUMNS
    assert lines[0][header.index("text")] == "'=¿Cuándo?"  # a formula made inert

    answers = api_client.get("/api/v1/official-answers/").json()["results"]
    assert list(answers[0]) == [*ANSWER_COLUMNS, "updated_at"]
    assert answers[0]["answered_by"] == "Rosa Quispe"
    assert answers[0]["updated_at"] == answers[0]["answered_at"]
    assert _csv(api_client, "/api/v1/official-answers/")[0] == ANSWER_COLUMNS
