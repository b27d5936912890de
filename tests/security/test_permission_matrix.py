"""The permission matrix: every write endpoint and form, for every role, against its own and a
foreign object, with the status expected. One table; the tests are generated from it.

"own" is the object the role works on: a commitment the editor's organisation monitors (and the
official's leads), a draft report the researcher is assigned to. "foreign" is the same kind of
object belonging to someone else.
Plan administrators work on everything; for them own and foreign are two ordinary objects.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from commitments.models import Commitment, Milestone, OutcomeCheck, StatusUpdate
from questions.models import OfficialAnswer, Question
from reviews.models import Assessment, IRMReport
from tests.admin_forms import admin_post_data
from tests.world import PermissionsWorld

ANON, EDITOR, RESEARCHER, PLAN_ADMIN = "anonymous", "editor", "researcher", "plan_admin"
OFFICIAL = "official"  # a responsible official of the organisation leading the "own" commitment
# Redirects: LOGIN is a 302 to a login page; SAVED a 302 elsewhere (the change was made).
LOGIN, SAVED = "302 to login", "302 saved"

pytestmark = pytest.mark.world("permissions")

# (action, role, target, expected status)
MATRIX: list[tuple[str, str, str, int | str]] = [
    # Write API (token authentication)
    ("api_status_update", ANON, "own", 401),
    ("api_status_update", ANON, "foreign", 401),
    ("api_status_update", EDITOR, "own", 201),
    ("api_status_update", EDITOR, "foreign", 403),
    ("api_status_update", RESEARCHER, "own", 403),
    ("api_status_update", RESEARCHER, "foreign", 403),
    ("api_status_update", PLAN_ADMIN, "own", 403),
    ("api_status_update", PLAN_ADMIN, "foreign", 403),
    ("api_milestone_update", ANON, "own", 401),
    ("api_milestone_update", ANON, "foreign", 401),
    ("api_milestone_update", EDITOR, "own", 403),
    ("api_milestone_update", EDITOR, "foreign", 403),
    ("api_milestone_update", RESEARCHER, "own", 403),
    ("api_milestone_update", RESEARCHER, "foreign", 403),
    ("api_milestone_update", PLAN_ADMIN, "own", 200),
    ("api_milestone_update", PLAN_ADMIN, "foreign", 200),
    ("api_draft_assessment_update", ANON, "own", 401),
    ("api_draft_assessment_update", ANON, "foreign", 401),
    ("api_draft_assessment_update", EDITOR, "own", 404),
    ("api_draft_assessment_update", EDITOR, "foreign", 404),
    ("api_draft_assessment_update", RESEARCHER, "own", 200),
    ("api_draft_assessment_update", RESEARCHER, "foreign", 404),
    ("api_draft_assessment_update", PLAN_ADMIN, "own", 403),
    ("api_draft_assessment_update", PLAN_ADMIN, "foreign", 403),
    # Web forms (session)
    ("web_status_update", ANON, "own", LOGIN),
    ("web_status_update", ANON, "foreign", LOGIN),
    ("web_status_update", EDITOR, "own", SAVED),
    ("web_status_update", EDITOR, "foreign", 403),
    ("web_status_update", RESEARCHER, "own", 403),
    ("web_status_update", RESEARCHER, "foreign", 403),
    ("web_status_update", PLAN_ADMIN, "own", 403),
    ("web_status_update", PLAN_ADMIN, "foreign", 403),
    ("web_assess", ANON, "own", LOGIN),
    ("web_assess", ANON, "foreign", LOGIN),
    ("web_assess", EDITOR, "own", 404),
    ("web_assess", EDITOR, "foreign", 404),
    ("web_assess", RESEARCHER, "own", SAVED),
    ("web_assess", RESEARCHER, "foreign", 404),
    ("web_assess", PLAN_ADMIN, "own", 403),
    ("web_assess", PLAN_ADMIN, "foreign", 403),
    ("web_submit_report", ANON, "own", LOGIN),
    ("web_submit_report", ANON, "foreign", LOGIN),
    ("web_submit_report", EDITOR, "own", 404),
    ("web_submit_report", EDITOR, "foreign", 404),
    ("web_submit_report", RESEARCHER, "own", SAVED),
    ("web_submit_report", RESEARCHER, "foreign", 404),
    ("web_submit_report", PLAN_ADMIN, "own", 403),
    ("web_submit_report", PLAN_ADMIN, "foreign", 403),
    ("web_publish_report", ANON, "own", LOGIN),
    ("web_publish_report", ANON, "foreign", LOGIN),
    ("web_publish_report", EDITOR, "own", 404),
    ("web_publish_report", EDITOR, "foreign", 404),
    ("web_publish_report", RESEARCHER, "own", 403),
    ("web_publish_report", RESEARCHER, "foreign", 404),
    ("web_publish_report", PLAN_ADMIN, "own", SAVED),
    ("web_publish_report", PLAN_ADMIN, "foreign", SAVED),
    # Outcome checks after the plan (the plan has ended). "foreign" is a commitment of another plan
    # that the editor's organisation does not monitor and the researcher does not research.
    ("api_outcome_check", ANON, "own", 401),
    ("api_outcome_check", ANON, "foreign", 401),
    ("api_outcome_check", EDITOR, "own", 201),
    ("api_outcome_check", EDITOR, "foreign", 403),
    ("api_outcome_check", RESEARCHER, "own", 201),
    ("api_outcome_check", RESEARCHER, "foreign", 403),
    ("api_outcome_check", PLAN_ADMIN, "own", 403),
    ("api_outcome_check", PLAN_ADMIN, "foreign", 403),
    ("web_outcome_check", ANON, "own", LOGIN),
    ("web_outcome_check", ANON, "foreign", LOGIN),
    ("web_outcome_check", EDITOR, "own", SAVED),
    ("web_outcome_check", EDITOR, "foreign", 403),
    ("web_outcome_check", RESEARCHER, "own", SAVED),
    ("web_outcome_check", RESEARCHER, "foreign", 403),
    ("web_outcome_check", PLAN_ADMIN, "own", 403),
    ("web_outcome_check", PLAN_ADMIN, "foreign", 403),
    # Django admin (plan administrators only; everyone else is sent to the admin login)
    ("admin_change_commitment", ANON, "own", LOGIN),
    ("admin_change_commitment", ANON, "foreign", LOGIN),
    ("admin_change_commitment", EDITOR, "own", LOGIN),
    ("admin_change_commitment", EDITOR, "foreign", LOGIN),
    ("admin_change_commitment", RESEARCHER, "own", LOGIN),
    ("admin_change_commitment", RESEARCHER, "foreign", LOGIN),
    ("admin_change_commitment", PLAN_ADMIN, "own", SAVED),
    ("admin_change_commitment", PLAN_ADMIN, "foreign", SAVED),
    # Lineage: naming a predecessor (the target) of a commitment in a later plan, in the admin.
    ("admin_set_predecessors", ANON, "own", LOGIN),
    ("admin_set_predecessors", ANON, "foreign", LOGIN),
    ("admin_set_predecessors", EDITOR, "own", LOGIN),
    ("admin_set_predecessors", EDITOR, "foreign", LOGIN),
    ("admin_set_predecessors", RESEARCHER, "own", LOGIN),
    ("admin_set_predecessors", RESEARCHER, "foreign", LOGIN),
    ("admin_set_predecessors", PLAN_ADMIN, "own", SAVED),
    ("admin_set_predecessors", PLAN_ADMIN, "foreign", SAVED),
    ("admin_change_assessment", ANON, "own", LOGIN),
    ("admin_change_assessment", EDITOR, "own", LOGIN),
    ("admin_change_assessment", RESEARCHER, "own", LOGIN),
    ("admin_change_assessment", PLAN_ADMIN, "own", SAVED),
    ("admin_change_assessment", PLAN_ADMIN, "foreign", SAVED),
    # The responsible official: the government's self-assessment of a commitment their
    # organisation leads is a status update in the government's voice (own); none of the other
    # actions is theirs.
    ("api_status_update", OFFICIAL, "own", 201),
    ("api_status_update", OFFICIAL, "foreign", 403),
    ("api_milestone_update", OFFICIAL, "own", 403),
    ("api_milestone_update", OFFICIAL, "foreign", 403),
    ("api_draft_assessment_update", OFFICIAL, "own", 404),
    ("api_draft_assessment_update", OFFICIAL, "foreign", 404),
    ("web_status_update", OFFICIAL, "own", SAVED),
    ("web_status_update", OFFICIAL, "foreign", 403),
    ("web_assess", OFFICIAL, "own", 404),
    ("web_assess", OFFICIAL, "foreign", 404),
    ("web_submit_report", OFFICIAL, "own", 404),
    ("web_submit_report", OFFICIAL, "foreign", 404),
    ("web_publish_report", OFFICIAL, "own", 404),
    ("web_publish_report", OFFICIAL, "foreign", 404),
    ("api_outcome_check", OFFICIAL, "own", 403),
    ("api_outcome_check", OFFICIAL, "foreign", 403),
    ("web_outcome_check", OFFICIAL, "own", 403),
    ("web_outcome_check", OFFICIAL, "foreign", 403),
    ("admin_change_commitment", OFFICIAL, "own", LOGIN),
    ("admin_change_commitment", OFFICIAL, "foreign", LOGIN),
    ("admin_set_predecessors", OFFICIAL, "own", LOGIN),
    ("admin_set_predecessors", OFFICIAL, "foreign", LOGIN),
    ("admin_change_assessment", OFFICIAL, "own", LOGIN),
    # Official answers to public questions: "own" is a question on a commitment the official's
    # organisation leads, "foreign" one on a commitment another organisation leads.
    ("web_answer", ANON, "own", 403),
    ("web_answer", ANON, "foreign", 403),
    ("web_answer", EDITOR, "own", 403),
    ("web_answer", EDITOR, "foreign", 403),
    ("web_answer", RESEARCHER, "own", 403),
    ("web_answer", RESEARCHER, "foreign", 403),
    ("web_answer", PLAN_ADMIN, "own", 403),
    ("web_answer", PLAN_ADMIN, "foreign", 403),
    ("web_answer", OFFICIAL, "own", SAVED),
    ("web_answer", OFFICIAL, "foreign", 403),
    ("api_answer", ANON, "own", 401),
    ("api_answer", ANON, "foreign", 401),
    ("api_answer", EDITOR, "own", 403),
    ("api_answer", EDITOR, "foreign", 403),
    ("api_answer", RESEARCHER, "own", 403),
    ("api_answer", RESEARCHER, "foreign", 403),
    ("api_answer", PLAN_ADMIN, "own", 403),
    ("api_answer", PLAN_ADMIN, "foreign", 403),
    ("api_answer", OFFICIAL, "own", 201),
    ("api_answer", OFFICIAL, "foreign", 403),
    # Moderation: plan administrators hide any question, with a reason.
    ("web_hide_question", ANON, "own", 403),
    ("web_hide_question", ANON, "foreign", 403),
    ("web_hide_question", EDITOR, "own", 403),
    ("web_hide_question", EDITOR, "foreign", 403),
    ("web_hide_question", RESEARCHER, "own", 403),
    ("web_hide_question", RESEARCHER, "foreign", 403),
    ("web_hide_question", PLAN_ADMIN, "own", SAVED),
    ("web_hide_question", PLAN_ADMIN, "foreign", SAVED),
    ("web_hide_question", OFFICIAL, "own", 403),
    ("web_hide_question", OFFICIAL, "foreign", 403),
    ("admin_hide_question", ANON, "own", LOGIN),
    ("admin_hide_question", EDITOR, "own", LOGIN),
    ("admin_hide_question", RESEARCHER, "own", LOGIN),
    ("admin_hide_question", OFFICIAL, "own", LOGIN),
    ("admin_hide_question", PLAN_ADMIN, "own", SAVED),
    ("admin_hide_question", PLAN_ADMIN, "foreign", SAVED),
]


def _api(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def _web(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _admin_post(user, obj, **changes: Any) -> Any:
    client = _web(user)
    meta = obj._meta
    url = f"/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/change/"
    page = client.get(url)
    if page.status_code != 200:
        return page
    data = admin_post_data(page)
    data.update(changes)
    return client.post(url, data)


def perform(action: str, user: Any, target: str, w: PermissionsWorld) -> Any:
    commitment = w.commitments[target]
    report = w.reports[target]
    if action == "api_status_update":
        return _api(user).post(
            f"/api/v1/commitments/{commitment.ogp_id}/status-updates/",
            {"completion": "limited", "as_of": "2013-05-01", "links": ["https://example.org"]},
            format="json",
        )
    if action == "api_milestone_update":
        milestone = w.milestones[target]
        return _api(user).patch(
            f"/api/v1/milestones/{milestone.pk}/",
            {"status": "not_met"},
            format="json",
            HTTP_IF_MATCH=f'"milestone-{milestone.pk}-v1"',
        )
    if action == "api_draft_assessment_update":
        assessment = w.assessments[target]
        return _api(user).patch(
            f"/api/v1/draft-assessments/{assessment.pk}/",
            {"narrative": "Checked"},
            format="json",
            HTTP_IF_MATCH=f'"assessment-{assessment.pk}-v1"',
        )
    if action in ("api_outcome_check", "web_outcome_check"):
        checked = w.commitments["own" if target == "own" else "other_plan"]
        data = {
            "verdict": "dead_letter",
            "checked_on": "2015-06-30",
            "note": "Not applied",
            "evidence_url": "https://example.org/evidence",
        }
        if action == "api_outcome_check":
            return _api(user).post(
                f"/api/v1/commitments/{checked.ogp_id}/outcome-checks/", data, format="json"
            )
        return _web(user).post(f"/commitments/{checked.ogp_id}/outcome-checks/new/", data)
    if action == "web_status_update":
        return _web(user).post(
            f"/commitments/{commitment.ogp_id}/report/",
            {
                "completion": "limited",
                "note": "Progress",
                "links": "https://example.org/evidence",
                "as_of": datetime.date(2013, 5, 1).isoformat(),
            },
        )
    if action == "web_assess":
        own_commitment = w.commitments["own"]
        return _web(user).post(
            f"/irm/reports/{report.pk}/assess/{own_commitment.ogp_id}/",
            {"narrative": "Checked", "version": w.assessments[target].version},
        )
    if action == "web_submit_report":
        # One of the plan's two commitments is unassessed: confirmed, as the page asks.
        return _web(user).post(f"/irm/reports/{report.pk}/submit/", {"confirm_unassessed": "1"})
    if action == "web_publish_report":
        return _web(user).post(f"/irm/reports/{report.pk}/publish/")
    if action == "web_answer":
        return _web(user).post(f"/questions/{w.questions[target].pk}/answer/", {"text": "Yes"})
    if action == "api_answer":
        return _api(user).post(
            f"/api/v1/questions/{w.questions[target].pk}/answers/", {"text": "Yes"}, format="json"
        )
    if action == "web_hide_question":
        return _web(user).post(f"/questions/{w.questions[target].pk}/hide/", {"reason": "Spam"})
    if action == "admin_hide_question":
        question = w.questions[target]
        client = _web(user)
        url = f"/admin/questions/question/{question.pk}/change/"
        page = client.get(url)
        if page.status_code != 200:
            return page
        return client.post(url, {**admin_post_data(page), "hidden_reason": "Spam"})
    if action == "admin_change_commitment":
        return _admin_post(user, commitment)
    if action == "admin_set_predecessors":
        return _admin_post(user, w.commitments["successor"], predecessors=[str(commitment.pk)])
    if action == "admin_change_assessment":
        return _admin_post(user, w.assessments[target])
    raise AssertionError(f"no such action {action}")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("action", "role", "target", "expected"),
    MATRIX,
    ids=[f"{action}-{role}-{target}" for action, role, target, _ in MATRIX],
)
def test_permission_matrix(world, action, role, target, expected):
    if action == "web_publish_report":
        # Only a submitted report can be published; the matrix checks who may publish it.
        IRMReport.objects.filter(pk__in=[r.pk for r in world.reports.values()]).update(
            state=IRMReport.State.SUBMITTED
        )
    before = fingerprint()
    response = perform(action, world.users[role], target, world)
    location = response.get("Location", "")
    if expected == LOGIN:
        assert (response.status_code, "login" in location) == (302, True), location
    elif expected == SAVED:
        assert (response.status_code, "login" in location) == (302, False), response.content[:300]
    else:
        assert response.status_code == expected, response.content[:300]
    # A refusal writes nothing; a success writes something.
    succeeded = expected == SAVED or (isinstance(expected, int) and expected < 300)
    assert (fingerprint() != before) == succeeded


def fingerprint() -> tuple:
    """Everything the actions of the matrix can change."""
    return (
        StatusUpdate.objects.count(),
        OutcomeCheck.objects.count(),
        tuple(Milestone.objects.order_by("pk").values_list("status", "version")),
        tuple(Assessment.objects.order_by("pk").values_list("narrative", "version")),
        tuple(IRMReport.objects.order_by("pk").values_list("state", "version")),
        Commitment.history.count(),
        Commitment.predecessors.through.objects.count(),
        Assessment.history.count(),
        OfficialAnswer.objects.count(),
        tuple(Question.objects.order_by("pk").values_list("state", flat=True)),
    )


def test_matrix_covers_every_role_for_every_action():
    actions = {action for action, *_ in MATRIX}
    for action in actions:
        roles = {role for a, role, *_ in MATRIX if a == action}
        assert roles == {ANON, EDITOR, RESEARCHER, PLAN_ADMIN, OFFICIAL}, action
