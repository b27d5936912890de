"""The write API: token authentication, the web app's permission rules, If-Match preconditions."""

from __future__ import annotations

import datetime
import io

import pytest

from commitments.models import StatusUpdate
from reviews.models import IRMReport
from tests import factories

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _milestone_url(milestone) -> str:
    return f"/api/v1/milestones/{milestone.pk}/"


@pytest.mark.django_db
def test_milestone_get_gives_etag_naming_its_version(api_client):
    milestone = factories.MilestoneFactory()
    response = api_client.get(_milestone_url(milestone))
    assert response.status_code == 200
    assert response["ETag"] == f'"milestone-{milestone.pk}-v1"'
    assert response.json()["version"] == 1


@pytest.mark.django_db
def test_milestone_update_without_if_match_is_428(token_client, plan_admin):
    milestone = factories.MilestoneFactory()
    response = token_client(plan_admin).patch(
        _milestone_url(milestone), {"status": "met"}, format="json"
    )
    assert response.status_code == 428
    milestone.refresh_from_db()
    assert milestone.status == "scheduled"


@pytest.mark.django_db
def test_milestone_update_with_current_etag_saves_and_records_the_token_user(
    token_client, plan_admin
):
    milestone = factories.MilestoneFactory()
    response = token_client(plan_admin).patch(
        _milestone_url(milestone),
        {"status": "met", "met_on": "2013-06-01"},
        format="json",
        HTTP_IF_MATCH=f'"milestone-{milestone.pk}-v1"',
    )
    assert response.status_code == 200, response.content
    assert response["ETag"] == f'"milestone-{milestone.pk}-v2"'
    milestone.refresh_from_db()
    assert (milestone.status, milestone.version) == ("met", 2)
    assert milestone.history.latest().history_user == plan_admin


@pytest.mark.django_db
def test_milestone_update_over_newer_version_is_412_saying_what_changed(token_client):
    milestone = factories.MilestoneFactory(title="Publish the data")
    first = factories.make_plan_admin(username="first", first_name="Rosa", last_name="Quispe")
    second = factories.make_plan_admin(username="second")
    stale_tag = f'"milestone-{milestone.pk}-v1"'
    assert (
        token_client(first)
        .patch(
            _milestone_url(milestone),
            {"title": "Publish the open data"},
            format="json",
            HTTP_IF_MATCH=stale_tag,
        )
        .status_code
        == 200
    )

    response = token_client(second).patch(
        _milestone_url(milestone), {"status": "not_met"}, format="json", HTTP_IF_MATCH=stale_tag
    )

    assert response.status_code == 412
    body = response.json()
    assert body["changed_by"] == "Rosa Quispe"
    assert body["current_version"] == 2
    assert body["changed_at"] == milestone.history.latest().history_date.isoformat()
    assert "Rosa Quispe" in body["detail"]
    assert [(c["field"], c["old"], c["new"]) for c in body["changes"]] == [
        ("title", "Publish the data", "Publish the open data")
    ]
    assert response["ETag"] == f'"milestone-{milestone.pk}-v2"'
    milestone.refresh_from_db()
    assert milestone.status == "scheduled"


@pytest.mark.django_db
def test_milestone_update_with_inconsistent_fields_is_400(token_client, plan_admin):
    milestone = factories.MilestoneFactory()
    response = token_client(plan_admin).patch(
        _milestone_url(milestone),
        {"met_on": "2013-06-01"},
        format="json",
        HTTP_IF_MATCH=f'"milestone-{milestone.pk}-v1"',
    )
    assert response.status_code == 400
    assert "met_on" in response.json()


@pytest.mark.django_db
def test_editor_cannot_update_milestones(token_client, editor):
    milestone = factories.MilestoneFactory()
    response = token_client(editor).patch(
        _milestone_url(milestone),
        {"status": "met"},
        format="json",
        HTTP_IF_MATCH=f'"milestone-{milestone.pk}-v1"',
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_anonymous_update_is_401(api_client):
    milestone = factories.MilestoneFactory()
    response = api_client.patch(_milestone_url(milestone), {"status": "met"}, format="json")
    assert response.status_code == 401


def _status_url(commitment) -> str:
    return f"/api/v1/commitments/{commitment.ogp_id}/status-updates/"


@pytest.mark.django_db
def test_editor_posts_status_update_with_link(token_client, monitored):
    commitment, editor = monitored
    response = token_client(editor).post(
        _status_url(commitment),
        {
            "completion": "substantial",
            "as_of": "2013-05-01",
            "note": "Portal online",
            "links": ["https://example.org/report"],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["evidence"] == [
        {
            "url": "https://example.org/report",
            "file_url": None,
            "file_name": "",
            "content_type": "",
            "size": None,
        }
    ]
    commitment.refresh_from_db()
    assert commitment.self_reported_completion == "substantial"


@pytest.mark.django_db
def test_editor_posts_status_update_with_pdf_stored_under_random_name(token_client, monitored):
    commitment, editor = monitored
    upload = io.BytesIO(PDF)
    upload.name = "informe final.pdf"
    response = token_client(editor).post(
        _status_url(commitment),
        {"completion": "limited", "as_of": "2013-05-01", "files": [upload]},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    evidence = StatusUpdate.objects.get().evidence.get()
    assert evidence.content_type == "application/pdf"
    assert evidence.original_name == "informe final.pdf"
    assert "informe" not in evidence.file.name and evidence.file.name.endswith(".pdf")


@pytest.mark.django_db
def test_html_disguised_as_pdf_is_refused(token_client, monitored):
    commitment, editor = monitored
    upload = io.BytesIO(b"<html><script>alert(1)</script></html>")
    upload.name = "report.pdf"
    response = token_client(editor).post(
        _status_url(commitment),
        {"completion": "limited", "as_of": "2013-05-01", "files": [upload]},
        format="multipart",
    )
    assert response.status_code == 400
    assert "files" in response.json()
    assert not StatusUpdate.objects.exists()


@pytest.mark.django_db
def test_status_update_field_errors_are_400_and_write_nothing(token_client, monitored):
    commitment, editor = monitored
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    response = token_client(editor).post(
        _status_url(commitment),
        {"completion": "finished", "as_of": tomorrow.isoformat(), "links": ["javascript:x"]},
        format="json",
    )
    assert response.status_code == 400
    assert {"completion", "as_of", "links"} <= set(response.json())
    assert not StatusUpdate.objects.exists()


@pytest.mark.django_db
def test_editor_cannot_report_on_commitment_their_organisation_does_not_monitor(
    token_client, editor
):
    commitment = factories.CommitmentFactory()
    response = token_client(editor).post(
        _status_url(commitment),
        {"completion": "complete", "as_of": "2013-05-01", "links": ["https://example.org"]},
        format="json",
    )
    assert response.status_code == 403
    assert not StatusUpdate.objects.exists()


@pytest.mark.django_db
def test_deactivated_users_token_stops_working(token_client, monitored):
    commitment, editor = monitored
    client = token_client(editor)
    editor.is_active = False
    editor.save(update_fields=["is_active"])
    response = client.post(
        _status_url(commitment),
        {"completion": "complete", "as_of": "2013-05-01", "links": ["https://example.org"]},
        format="json",
    )
    assert response.status_code == 401


@pytest.fixture
def draft(db):
    researcher = factories.make_researcher()
    report = factories.IRMReportFactory(state=IRMReport.State.DRAFT, published_on=None)
    report.researchers.add(researcher)
    assessment = factories.AssessmentFactory(report=report, specificity="low", completion="")
    return assessment, researcher


def _draft_url(assessment) -> str:
    return f"/api/v1/draft-assessments/{assessment.pk}/"


@pytest.mark.django_db
def test_assigned_researcher_updates_draft_and_star_is_recomputed(token_client, draft):
    assessment, researcher = draft
    client = token_client(researcher)
    etag = client.get(_draft_url(assessment))["ETag"]
    response = client.patch(
        _draft_url(assessment),
        {
            "specificity": "high",
            "relevant_civic_participation": True,
            "potential_impact": "transformative",
            "completion": "complete",
        },
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 200, response.content
    assert response.json()["starred"] is True
    assert response["ETag"] == f'"assessment-{assessment.pk}-v2"'
    assert assessment.history.latest().history_user == researcher


@pytest.mark.django_db
def test_draft_update_over_newer_version_is_412(token_client, draft):
    assessment, researcher = draft
    client = token_client(researcher)
    etag = client.get(_draft_url(assessment))["ETag"]
    ok = client.patch(
        _draft_url(assessment), {"narrative": "one"}, format="json", HTTP_IF_MATCH=etag
    )
    assert ok.status_code == 200
    stale = client.patch(
        _draft_url(assessment), {"narrative": "two"}, format="json", HTTP_IF_MATCH=etag
    )
    assert stale.status_code == 412
    assessment.refresh_from_db()
    assert assessment.narrative == "one"


@pytest.mark.django_db
def test_other_researcher_cannot_see_or_change_a_draft(token_client, draft):
    assessment, _researcher = draft
    other = factories.make_researcher()
    client = token_client(other)
    assert client.get(_draft_url(assessment)).status_code == 404
    response = client.patch(
        _draft_url(assessment),
        {"narrative": "x"},
        format="json",
        HTTP_IF_MATCH=f'"assessment-{assessment.pk}-v1"',
    )
    assert response.status_code == 404


@pytest.mark.django_db
def test_published_assessment_cannot_be_changed_through_the_api(token_client, draft):
    assessment, researcher = draft
    IRMReport.objects.filter(pk=assessment.report_id).update(state=IRMReport.State.PUBLISHED)
    response = token_client(researcher).patch(
        _draft_url(assessment),
        {"narrative": "x"},
        format="json",
        HTTP_IF_MATCH=f'"assessment-{assessment.pk}-v1"',
    )
    assert response.status_code == 403


@pytest.mark.django_db
def test_an_etag_of_another_record_is_not_accepted_as_if_match(api_client, token_client):
    editor = factories.make_plan_admin()
    milestone_a = factories.MilestoneFactory(title="Milestone A")
    milestone_b = factories.MilestoneFactory(title="Milestone B")
    commitment = milestone_a.commitment
    tags = [
        api_client.get(_milestone_url(milestone_b))["ETag"],  # another milestone, same version
        f'"commitment-{commitment.pk}-v1"',  # another kind of record
        f'"milestone-{milestone_a.pk}-v1"'.replace('"m', 'W/"m', 1),  # a weak tag never matches
    ]
    for tag in tags:
        response = token_client(editor).patch(
            _milestone_url(milestone_a), {"title": "Changed"}, format="json", HTTP_IF_MATCH=tag
        )
        assert response.status_code == 412, tag
        assert response["ETag"] == f'"milestone-{milestone_a.pk}-v1"'
    milestone_a.refresh_from_db()
    assert (milestone_a.title, milestone_a.version) == ("Milestone A", 1)


@pytest.mark.django_db
def test_an_update_moves_only_that_records_version(token_client):
    editor = factories.make_plan_admin()
    edited, other = factories.MilestoneFactory(), factories.MilestoneFactory(title="Untouched")
    response = token_client(editor).patch(
        _milestone_url(edited),
        {"title": "Edited"},
        format="json",
        HTTP_IF_MATCH=f'"milestone-{edited.pk}-v1"',
    )
    assert response.status_code == 200
    other.refresh_from_db()
    assert (other.title, other.version) == ("Untouched", 1)
    # Its ETag still names its version: an edit of it is not refused as stale.
    again = token_client(editor).patch(
        _milestone_url(other),
        {"title": "Edited too"},
        format="json",
        HTTP_IF_MATCH=f'"milestone-{other.pk}-v1"',
    )
    assert again.status_code == 200
