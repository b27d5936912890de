"""OGP's minimum requirements per plan, through the plan page and the API (commitments.requirements.rules)."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from commitments.models import Forum, ForumMeeting, Proposal, StatusEvidence
from tests import factories
from tests.factories import ProposalFactory

pytestmark = pytest.mark.django_db
API = "/api/v1"
D = datetime.date


def make_plan(**kwargs):
    """A 2015-2016 plan with one commitment that has a lead, dates and a dated milestone."""
    plan = factories.ActionPlanFactory(start_date=D(2015, 1, 1), end_date=D(2016, 12, 31), **kwargs)
    commitment = factories.CommitmentFactory(
        action_plan=plan, start_date=D(2015, 1, 1), end_date=D(2016, 12, 31)
    )
    factories.MilestoneFactory(commitment=commitment, due_date=D(2015, 6, 30))
    return plan, commitment


def forum_with(plan, days, *, known=True, **attendance):
    forum = Forum.objects.create(
        action_plan=plan, name="Comisión Multisectorial", meetings_known=known
    )
    for day in days:
        ForumMeeting.objects.create(
            forum=forum,
            date=day,
            government=attendance.get("government", 8),
            civil_society=attendance.get("civil_society", 3),
            private_sector=attendance.get("private_sector", 1),
            other=attendance.get("other", 0),
            minutes_url="https://example.org/acta",
        )
    return forum


def update_with_evidence(commitment, as_of, *, evidence=True):
    update = factories.StatusUpdateFactory(commitment=commitment, as_of=as_of)
    if evidence:
        StatusEvidence.objects.create(status_update=update, url="https://example.org/informe")
    return update


def requirements(api_client, plan, language="en"):
    response = api_client.get(
        f"{API}/action-plans/{plan.ogp_id}/requirements/", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    return response.json()["requirements"]


# --- The forum -----------------------------------------------------------------------------------------

EVERY_FIVE_MONTHS = [D(2015, 5, 1), D(2015, 10, 1), D(2016, 3, 1), D(2016, 8, 1)]


def test_forum_meeting_every_five_months_is_met_with_its_meetings_and_attendance(api_client):
    plan, _ = make_plan()
    forum_with(plan, EVERY_FIVE_MONTHS)
    forum = requirements(api_client, plan)["forum"]
    assert forum["status"] == "met"
    assert forum["facts"]["meeting_count"] == 4
    assert forum["facts"]["attendance"] == {
        "government": 32,
        "civil_society": 12,
        "private_sector": 4,
        "other": 0,
    }
    assert forum["facts"]["window"] == {"from": "2015-01-01", "to": "2016-12-31"}
    assert forum["facts"]["meetings"][0]["minutes_url"] == "https://example.org/acta"


def test_forum_that_skipped_more_than_six_months_is_not_met_and_says_when(api_client):
    plan, _ = make_plan()
    forum_with(plan, [D(2015, 5, 1), D(2016, 3, 1), D(2016, 8, 1)])
    forum = requirements(api_client, plan)["forum"]
    assert forum["status"] == "not_met"
    assert forum["facts"]["lapse"] == {"from": "2015-05-01", "to": "2016-03-01"}
    # The message is prose, its days written as the pages write them; the facts keep ISO dates.
    assert "from 1 May 2015 to 1 March 2016" in forum["message"]


def test_forum_whose_last_meeting_was_more_than_six_months_before_the_plan_end_is_not_met(
    api_client,
):
    plan, _ = make_plan()
    forum_with(plan, EVERY_FIVE_MONTHS[:3])
    assert requirements(api_client, plan)["forum"]["facts"]["lapse"] == {
        "from": "2016-03-01",
        "to": "2016-12-31",
    }


def test_forum_attended_only_by_government_does_not_count(api_client):
    plan, _ = make_plan()
    forum_with(plan, EVERY_FIVE_MONTHS, civil_society=0, private_sector=0, other=0)
    forum = requirements(api_client, plan)["forum"]
    assert forum["status"] == "not_met"
    assert forum["facts"]["government_only_meetings"] == 4


def test_forum_with_meetings_not_known_is_unknown_not_met(api_client):
    plan, _ = make_plan()
    forum_with(plan, [], known=False)
    forum = requirements(api_client, plan)["forum"]
    assert forum["status"] == "unknown"
    assert forum["facts"]["forums"] == [
        {"name": "Comisión Multisectorial", "meetings_known": False}
    ]


def test_no_forum_recorded_is_unknown(api_client):
    plan, _ = make_plan()
    assert requirements(api_client, plan)["forum"]["status"] == "unknown"


# --- The repository --------------------------------------------------------------------------------


def test_repository_updated_with_evidence_every_six_months_is_met(api_client):
    plan, commitment = make_plan()
    for day in [D(2015, 6, 1), D(2015, 12, 1), D(2016, 6, 1), D(2016, 12, 1)]:
        update_with_evidence(commitment, day)
    repository = requirements(api_client, plan)["repository"]
    assert repository["status"] == "met"
    assert repository["facts"]["days_with_evidence"] == 4
    assert repository["facts"]["last_update_with_evidence"] == "2016-12-01"


def test_repository_updates_without_evidence_do_not_count(api_client):
    plan, commitment = make_plan()
    update_with_evidence(commitment, D(2015, 6, 1))
    update_with_evidence(commitment, D(2016, 1, 1), evidence=False)
    repository = requirements(api_client, plan)["repository"]
    assert repository["status"] == "not_met"
    assert repository["facts"]["lapse"] == {"from": "2015-06-01", "to": "2016-12-31"}
    assert repository["facts"]["status_updates"] == 2


def test_repository_with_no_status_update_kept_here_is_unknown(api_client):
    plan, _ = make_plan()
    assert requirements(api_client, plan)["repository"]["status"] == "unknown"


# --- The reasoned response ------------------------------------------------------------------------


def test_proposal_dropped_without_a_response_is_not_met_and_named(api_client):
    plan, _ = make_plan()
    ProposalFactory(action_plan=plan, outcome=Proposal.Outcome.ADOPTED)
    ProposalFactory(
        action_plan=plan, outcome=Proposal.Outcome.DROPPED, government_response="Sin presupuesto."
    )
    silent = ProposalFactory(
        action_plan=plan, outcome=Proposal.Outcome.UNANSWERED, title="Autoridad autónoma"
    )
    answer = requirements(api_client, plan)["reasoned_response"]
    assert answer["status"] == "not_met"
    assert (answer["facts"]["left_out"], answer["facts"]["answered"]) == (2, 1)
    assert answer["facts"]["without_response"] == [
        {"id": silent.pk, "title": "Autoridad autónoma", "outcome": "unanswered"}
    ]


def test_every_proposal_left_out_answered_is_met(api_client):
    plan, _ = make_plan()
    ProposalFactory(
        action_plan=plan, outcome=Proposal.Outcome.DROPPED, government_response="Sin presupuesto."
    )
    assert requirements(api_client, plan)["reasoned_response"]["status"] == "met"


def test_no_proposal_recorded_is_unknown(api_client):
    plan, _ = make_plan()
    assert requirements(api_client, plan)["reasoned_response"]["status"] == "unknown"


# --- The commitments ------------------------------------------------------------------------------


def test_commitments_without_lead_dates_or_dated_milestones_are_counted_and_named(api_client):
    plan, _ = make_plan()
    no_lead = factories.CommitmentFactory(
        action_plan=plan, lead_organization=None, start_date=D(2015, 1, 1), end_date=D(2016, 1, 1)
    )
    factories.MilestoneFactory(commitment=no_lead)
    undated = factories.CommitmentFactory(action_plan=plan)  # no dates either
    factories.MilestoneFactory(commitment=undated, due_date=None)
    bare = factories.CommitmentFactory(
        action_plan=plan, start_date=D(2015, 1, 1), end_date=D(2016, 1, 1)
    )
    answer = requirements(api_client, plan)["commitments"]
    assert answer["status"] == "not_met"
    facts = answer["facts"]
    assert (facts["total"], facts["complete"]) == (4, 1)
    assert facts["without_lead"]["commitments"] == [no_lead.ogp_id]
    assert facts["without_dates"]["commitments"] == [undated.ogp_id]
    assert facts["undated_milestones"]["commitments"] == [undated.ogp_id]
    assert facts["without_milestone"]["commitments"] == [bare.ogp_id]
    assert "3 of 4" in answer["message"]


def test_plan_whose_commitments_are_all_complete_meets_the_commitment_requirement(api_client):
    plan, _ = make_plan()
    body = requirements(api_client, plan)
    assert body["commitments"]["status"] == "met"
    assert (body["met"], body["not_met"], body["unknown"]) == (1, 0, 3)


def test_plan_without_a_start_is_unknown_for_forum_and_repository(api_client):
    plan, commitment = make_plan()
    plan.start_date = None
    plan.save()
    forum_with(plan, EVERY_FIVE_MONTHS)
    update_with_evidence(commitment, D(2015, 6, 1))
    body = requirements(api_client, plan)
    assert body["forum"]["status"] == "unknown"
    assert body["repository"]["status"] == "unknown"
    assert "start" in body["forum"]["message"]


# --- The API: detail, list, CSV, query counts -------------------------------------------------------


def test_plan_detail_carries_the_same_requirements(api_client):
    plan, _ = make_plan()
    forum_with(plan, EVERY_FIVE_MONTHS)
    detail = api_client.get(f"{API}/action-plans/{plan.ogp_id}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert detail["requirements"] == requirements(api_client, plan)
    as_of = api_client.get(f"{API}/action-plans/{plan.ogp_id}/", {"as_of": "2015-06-01"}).json()
    assert as_of["requirements"]["forum"]["status"] == "met"
    assert as_of["as_of"] == "2015-06-01"


def test_requirement_messages_follow_the_language(api_client):
    plan, _ = make_plan()
    english = requirements(api_client, plan, "en")["forum"]["message"]
    spanish = requirements(api_client, plan, "es")["forum"]["message"]
    assert english == "No multi-stakeholder forum is recorded for this plan."
    # The Spanish comes from the catalogue (its entries are added with the merge's makemessages).
    with translation.override("es"):
        assert spanish == translation.gettext(english)


def test_unknown_plan_requirements_are_a_json_404(api_client):
    response = api_client.get(f"{API}/action-plans/AP_XXX99/requirements/")
    assert response.status_code == 404
    assert "AP_XXX99" in response.json()["detail"]


def test_requirement_list_as_csv_has_one_column_per_requirement_status(api_client):
    plan, _ = make_plan()
    forum_with(plan, [], known=False)
    response = api_client.get(
        f"{API}/plan-requirements/", {"action_plan": plan.ogp_id, "format": "csv"}
    )
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert len(rows) == 1
    assert rows[0]["action_plan"] == plan.ogp_id
    assert rows[0]["requirements.forum.status"] == "unknown"
    assert rows[0]["requirements.commitments.status"] == "met"


def test_requirement_list_refuses_an_unknown_filter(api_client):
    response = api_client.get(f"{API}/plan-requirements/", {"action_pan": "AP_PER01"})
    assert response.status_code == 400


@pytest.mark.parametrize("n", [2, 20])
def test_requirement_list_queries_stay_flat(api_client, django_assert_num_queries, n):
    member = factories.MemberFactory()
    for _ in range(n):
        plan, commitment = make_plan(member=member)
        forum_with(plan, EVERY_FIVE_MONTHS)
        update_with_evidence(commitment, D(2015, 6, 1))
        ProposalFactory(action_plan=plan, outcome=Proposal.Outcome.UNANSWERED)
    # 1 the member filtered on, 2 count, 3 page of ids, 4 plans with their member, then
    # commitments.requirements.rules: 5 forums and meetings, 6 status-update days, 7 proposals,
    # 8 commitments with their milestone counts.
    with django_assert_num_queries(8):
        response = api_client.get(
            f"{API}/plan-requirements/", {"member": member.code, "page_size": 50}
        )
    rows = response.json()["results"]
    assert len(rows) == n
    assert {row["requirements"]["forum"]["status"] for row in rows} == {"met"}


# --- The plan page ------------------------------------------------------------------------------------


def page(client, path, language):
    client.cookies["django_language"] = language
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries), response.content.decode()


@pytest.mark.parametrize("language", ["es", "en"])
def test_plan_page_shows_each_requirement_beside_the_warnings(client, language):
    plan, _ = make_plan()
    forum_with(plan, [D(2015, 5, 1)])
    _, html = page(client, f"/plans/{plan.ogp_id}/", language)
    assert 'id="requirements"' in html
    assert html.index('id="integrity"') < html.index('id="requirements"')
    assert 'class="requirement requirement-not_met" id="requirement-forum"' in html
    assert 'class="requirement requirement-unknown" id="requirement-repository"' in html
    assert 'class="requirement requirement-met" id="requirement-commitments"' in html
    assert "https://example.org/acta" in html
    assert f"/api/v1/action-plans/{plan.ogp_id}/requirements/" in html


def test_plan_page_requirements_queries_stay_flat(client):
    counts = []
    for n in (2, 20):
        plan, _ = make_plan()
        factories.CommitmentFactory.create_batch(n, action_plan=plan)
        forum_with(plan, [D(2015, 1, 1) + datetime.timedelta(days=30 * i) for i in range(n)])
        counts.append(page(client, f"/plans/{plan.ogp_id}/", "es")[0])
    assert counts[0] == counts[1]


# --- The admin: plan administrators record forums and meetings ------------------------------------


def test_plan_admin_records_a_forum_and_its_meeting_in_the_admin(client, plan_admin, api_client):
    plan, _ = make_plan()
    client.force_login(plan_admin)
    response = client.post(
        "/admin/commitments/forum/add/",
        {
            "action_plan": plan.pk,
            "name": "Comisión Multisectorial",
            "meetings_known": "on",
            "meetings-TOTAL_FORMS": "1",
            "meetings-INITIAL_FORMS": "0",
            "meetings-0-date": "2015-05-01",
            "meetings-0-government": "8",
            "meetings-0-civil_society": "3",
            "meetings-0-minutes_url": "https://example.org/acta",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    forum = requirements(api_client, plan)["forum"]
    assert forum["facts"]["meeting_count"] == 1
    assert forum["facts"]["meetings"][0]["civil_society"] == 3


def test_editor_cannot_open_the_forum_admin(client, editor):
    client.force_login(editor)
    assert client.get("/admin/commitments/forum/add/").status_code in (302, 403)
