"""Civil society reports on milestones (met / partially met / not met, with evidence and a date): who
may, append-only, the same rules through the form and the API, the public list and CSV, and each
milestone's latest report on the commitment page. Everything through URLs."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from commitments.models import MilestoneProgress
from tests import factories

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def monitored():
    """A milestone of a commitment monitored by a civil-society organisation, and its editor."""
    peru = factories.MemberFactory(code="PER", name="Perú", commitment_prefix="PE")
    plan = factories.ActionPlanFactory(member=peru, number=1, ogp_id="AP_PER01")
    commitment = factories.CommitmentFactory(action_plan=plan, ogp_id="PE0008")
    milestone = factories.MilestoneFactory(commitment=commitment, title="Portal publicado")
    monitor = factories.OrganizationFactory(kind="civil_society", name="Proética", slug="proetica")
    commitment.monitoring_organizations.add(monitor)
    editor = factories.make_editor(monitor)
    return milestone, editor


def form_url(milestone) -> str:
    return f"/commitments/{milestone.commitment.ogp_id}/milestones/{milestone.pk}/progress/new/"


def api_url(milestone) -> str:
    return f"/api/v1/milestones/{milestone.pk}/progress/"


def form_data(**overrides) -> dict:
    data = {
        "level": "partially_met",
        "reported_on": "2013-05-31",
        "note": "El portal existe pero sin datos de 2012.",
        "evidence_url": "www.gob.pe/portal",
        "corrects": "",
    }
    data.update(overrides)
    return data


def token_client(api_client, user):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api_client


def test_editor_reports_through_the_form_and_the_commitment_page_shows_it(client, monitored):
    milestone, editor = monitored
    client.force_login(editor)
    page = client.get(f"/commitments/{milestone.commitment.ogp_id}/", **EN).content.decode()
    assert form_url(milestone) in page and "No report yet" in page

    response = client.post(form_url(milestone), form_data())
    assert response.status_code == 302
    assert response["Location"].endswith(f"#milestone-{milestone.pk}")
    report = MilestoneProgress.objects.get()
    assert report.evidence_url == "https://www.gob.pe/portal"
    assert report.author_organization.slug == "proetica"

    html = client.get(f"/commitments/{milestone.commitment.ogp_id}/", **EN).content.decode()
    assert "Partially met" in html and "https://www.gob.pe/portal" in html


def test_the_page_shows_each_milestones_latest_report(client, monitored, api_client):
    milestone, editor = monitored
    other = factories.MilestoneFactory(commitment=milestone.commitment, title="Norma aprobada")
    api = token_client(api_client, editor)
    first = api.post(api_url(milestone), {**form_data(level="not_met", evidence_url="")})
    assert first.status_code == 201, first.json()
    correction = {"level": "met", "reported_on": "2013-05-31", "corrects": first.json()["id"]}
    assert (
        api.post(api_url(milestone), {**correction, "evidence_url": "https://x.pe/a"}).status_code
        == 201
    )
    html = client.get(f"/commitments/{milestone.commitment.ogp_id}/", **EN).content.decode()
    row = html.split(f'id="milestone-{milestone.pk}"')[1].split("</tr>")[0]
    assert "Met" in row and "Not met" not in row
    other_row = html.split(f'id="milestone-{other.pk}"')[1].split("</tr>")[0]
    assert "No report yet" in other_row


def test_met_needs_evidence_and_a_date_not_in_the_future_in_form_and_api(
    client, api_client, monitored
):
    milestone, editor = monitored
    client.force_login(editor)
    tomorrow = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    response = client.post(form_url(milestone), form_data(level="met", evidence_url=""), **EN)
    assert response.status_code == 400
    assert "Give a link or a file as evidence" in response.content.decode()
    response = client.post(form_url(milestone), form_data(reported_on=tomorrow), **EN)
    assert response.status_code == 400
    api = token_client(api_client, editor)
    refused = api.post(api_url(milestone), {"level": "met", "reported_on": "2013-01-01"}, **EN)
    assert refused.status_code == 400
    assert "evidence_url" in refused.json()
    refused = api.post(api_url(milestone), {"level": "done", "reported_on": "2013-01-01"})
    assert refused.status_code == 400 and "level" in refused.json()
    assert not MilestoneProgress.objects.exists()


def test_a_file_is_checked_by_its_content_like_status_evidence(client, monitored):
    milestone, editor = monitored
    client.force_login(editor)
    fake = SimpleUploadedFile("acta.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = client.post(
        form_url(milestone), {**form_data(evidence_url=""), "evidence_file": fake}, **EN
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "is not a PDF" in html and "Attach your file again" in html
    pdf = SimpleUploadedFile("acta.pdf", PDF, "application/pdf")
    response = client.post(
        form_url(milestone), {**form_data(evidence_url=""), "evidence_file": pdf}
    )
    assert response.status_code == 302
    report = MilestoneProgress.objects.get()
    download = client.get(f"/milestone-progress/{report.pk}/evidence/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert "sandbox" in download["Content-Security-Policy"]


def test_only_editors_of_the_monitoring_organisation_may_report(client, api_client, monitored):
    milestone, _editor = monitored
    outsider = factories.make_editor()
    researcher = factories.make_researcher()
    for user in (outsider, researcher):
        client.force_login(user)
        assert client.post(form_url(milestone), form_data()).status_code == 403
    api = token_client(api_client, outsider)
    response = api.post(api_url(milestone), form_data(evidence_url="https://x.pe"))
    assert response.status_code == 403
    client.logout()
    assert client.get(form_url(milestone)).status_code == 302  # to the login page
    assert api_client.post(api_url(milestone), form_data()).status_code in (401, 403)
    html = client.get(f"/commitments/{milestone.commitment.ogp_id}/").content.decode()
    assert form_url(milestone) not in html
    assert not MilestoneProgress.objects.exists()


def test_reports_are_append_only(client, monitored, api_client):
    milestone, editor = monitored
    api = token_client(api_client, editor)
    created = api.post(api_url(milestone), form_data(evidence_url="https://x.pe/informe"))
    assert created.status_code == 201
    body = created.json()
    assert body["level"] == "partially_met" and body["reported_by"] == "proetica"
    report_url = f"/api/v1/milestone-progress/{body['id']}/"
    assert api.patch(report_url, {"level": "met"}).status_code == 405
    assert api.delete(report_url).status_code == 405
    other = factories.MilestoneFactory(commitment=milestone.commitment)
    wrong = api.post(
        api_url(other), {**form_data(evidence_url="https://x.pe"), "corrects": body["id"]}
    )
    assert wrong.status_code == 400 and "corrects" in wrong.json()
    with transaction.atomic(), pytest.raises(IntegrityError):
        MilestoneProgress.objects.create(
            milestone=milestone, level="met", reported_on=datetime.date(2013, 1, 1), author=editor
        )
    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get("/admin/commitments/milestoneprogress/").status_code == 200
    assert client.get("/admin/commitments/milestoneprogress/add/").status_code == 403


def test_public_list_filters_and_csv(client, api_client, monitored):
    milestone, editor = monitored
    api = token_client(api_client, editor)
    api.post(api_url(milestone), form_data(evidence_url="https://x.pe/1"))
    api.post(api_url(milestone), form_data(level="not_met", evidence_url=""))
    other_plan_milestone = factories.MilestoneFactory()
    other_plan_milestone.commitment.monitoring_organizations.add(editor.profile.organization)
    api.post(api_url(other_plan_milestone), form_data(level="met", evidence_url="https://x.pe/2"))

    rows = client.get("/api/v1/milestone-progress/?action_plan=AP_PER01").json()["results"]
    assert [row["level"] for row in rows] == ["partially_met", "not_met"]
    assert {row["commitment"] for row in rows} == {"PE0008"}
    met = client.get("/api/v1/milestone-progress/?level=met").json()["results"]
    assert [row["milestone"] for row in met] == [other_plan_milestone.pk]
    by_commitment = client.get("/api/v1/milestone-progress/?commitment=PE0008&member=PER").json()
    assert len(by_commitment["results"]) == 2
    unknown = client.get("/api/v1/milestone-progress/?commitment=XX9999")
    assert unknown.status_code == 400

    download = client.get("/api/v1/milestone-progress/?action_plan=AP_PER01&format=csv")
    assert download.status_code == 200
    text = download.content.decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text)))
    assert [row["level"] for row in table] == ["partially_met", "not_met"]
    assert table[0]["milestone_title"] == "Portal publicado"


def test_public_list_query_count_is_flat(client, monitored, api_client):
    milestone, editor = monitored
    api = token_client(api_client, editor)
    counts = []
    for total in (2, 12):
        while MilestoneProgress.objects.count() < total:
            api.post(api_url(milestone), form_data(evidence_url="https://x.pe/1"))
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/milestone-progress/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_commitment_page_query_count_does_not_grow_with_reports(client, monitored, api_client):
    milestone, editor = monitored
    api = token_client(api_client, editor)
    url = f"/commitments/{milestone.commitment.ogp_id}/"
    counts = []
    for total in (1, 6):
        for _ in range(total):
            extra = factories.MilestoneFactory(commitment=milestone.commitment)
            api.post(api_url(extra), form_data(evidence_url="https://x.pe/1"))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
