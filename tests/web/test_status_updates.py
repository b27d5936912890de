"""The civil-society status update form, evidence uploads and the evidence download view."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from celery import Task
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.defaultfilters import filesizeformat
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from commitments.models import Commitment, Profile, StatusEvidence, StatusUpdate
from commitments.services import record_status_update
from tests import factories
from tests.web.conftest import PDF_BYTES, PNG_BYTES

pytestmark = pytest.mark.django_db


AS_OF = datetime.date(2013, 6, 1)


def _url(commitment) -> str:
    return f"/commitments/{commitment.ogp_id}/report/"


def _post(client, commitment, lang: str = "es", **overrides):
    data = {
        "completion": "limited",
        "note": "Half of the ministries publish their budgets.",
        "links": "https://example.org/informe-2013\nhttps://example.org/acta",
        "as_of": "2013-06-01",
        "corrects": "",
    }
    data.update(overrides)
    return client.post(_url(commitment), data, headers={"accept-language": lang})


def test_editor_sees_form_with_current_status_and_last_three_updates(client, world):
    for day in range(1, 5):
        factories.StatusUpdateFactory(
            commitment=world.commitment,
            as_of=datetime.date(2013, 1, day),
            note=f"update {day}",
            author=world.editor,
        )
    client.force_login(world.editor)
    response = client.get(_url(world.commitment), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Current status" in html
    assert "update 4" in html and "update 2" in html
    assert "update 1" not in html  # only the last three
    assert 'type="file"' in html and "multiple" in html
    assert '<label for="id_note">' in html


def test_editor_posts_update_with_links_and_files_and_it_is_public(client, world):
    client.force_login(world.editor)
    response = _post(
        client,
        world.commitment,
        files=[
            SimpleUploadedFile("acta.pdf", PDF_BYTES, content_type="application/pdf"),
            SimpleUploadedFile("foto.png", PNG_BYTES, content_type="image/png"),
        ],
    )
    assert response.status_code == 302
    assert response["Location"] == f"/commitments/{world.commitment.ogp_id}/"
    update = StatusUpdate.objects.get()
    assert update.author == world.editor and update.author_organization == world.civil
    kinds = sorted((e.url, e.content_type) for e in update.evidence.all())
    assert kinds == [
        ("", "application/pdf"),
        ("", "image/png"),
        ("https://example.org/acta", ""),
        ("https://example.org/informe-2013", ""),
    ]
    world.commitment.refresh_from_db()
    assert world.commitment.self_reported_completion == "limited"

    client.logout()
    html = client.get(f"/commitments/{world.commitment.ogp_id}/").content.decode()
    assert "Half of the ministries publish their budgets." in html
    assert "https://example.org/informe-2013" in html
    pdf = update.evidence.get(content_type="application/pdf")
    assert f"/evidence/{pdf.pk}/" in html and "acta.pdf" in html
    english = client.get(f"/commitments/{world.commitment.ogp_id}/", HTTP_ACCEPT_LANGUAGE="en")
    with translation.override("en"):
        size = filesizeformat(len(PDF_BYTES))
    assert f'acta.pdf</a> <span class="muted">({size})</span>' in english.content.decode()


def test_editor_cannot_report_on_a_commitment_their_organisation_does_not_monitor(client, world):
    client.force_login(world.editor)
    assert client.get(_url(world.other)).status_code == 403
    assert _post(client, world.other).status_code == 403
    assert not StatusUpdate.objects.exists()


def test_editor_of_another_organisation_gets_403(client, world):
    stranger = factories.make_editor(username="stranger")
    client.force_login(stranger)
    assert _post(client, world.commitment).status_code == 403
    assert not StatusUpdate.objects.exists()


def test_the_permission_without_the_editor_role_does_not_let_a_user_post(client, world):
    """Both are needed: a user of the monitoring organisation given the permission by hand, outside
    the civil-society editor group, is refused."""
    outsider = factories.UserFactory(username="outsider")
    Profile.objects.create(user=outsider, organization=world.civil)
    outsider.user_permissions.add(Permission.objects.get(codename="add_statusupdate"))
    client.force_login(outsider)
    assert _post(client, world.commitment).status_code == 403
    assert not StatusUpdate.objects.exists()


def test_a_deactivated_editor_cannot_record_a_status_update(world):
    """No page reaches this (a deactivated account's session is dropped): the service itself refuses,
    for the importers and tasks that call it with a stored author."""
    world.editor.is_active = False
    world.editor.save(update_fields=["is_active"])
    with pytest.raises(PermissionDenied):
        record_status_update(
            commitment=world.commitment,
            author=world.editor,
            completion="limited",
            as_of=datetime.date(2013, 6, 1),
        )
    assert not StatusUpdate.objects.exists()


def test_a_status_as_of_today_is_accepted(client, world):
    client.force_login(world.editor)
    today = timezone.localdate()
    response = _post(client, world.commitment, as_of=today.isoformat())
    assert response.status_code == 302
    assert StatusUpdate.objects.get().as_of == today


def test_a_broker_outage_after_commit_leaves_the_update_saved(
    client, world, monkeypatch, django_capture_on_commit_callbacks
):
    """The emails and the link checks are queued after commit: a broker that cannot be reached
    then is logged, never an error for the update the editor just saved."""

    def broker_down(*args, **kwargs):
        raise OSError("broker unreachable")

    monkeypatch.setattr(Task, "apply_async", broker_down)
    client.force_login(world.editor)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _post(client, world.commitment)
    assert response.status_code == 302
    assert len(callbacks) == 3  # the emails, the two links' checks
    assert StatusUpdate.objects.get().completion == "limited"


def test_the_api_serves_the_latest_status_with_its_as_of_date(client, world):
    client.force_login(world.editor)
    _post(client, world.commitment, completion="limited", as_of="2013-06-01")
    _post(client, world.commitment, completion="substantial", as_of="2013-09-01")
    _post(client, world.commitment, completion="complete", as_of="2013-03-01")  # a late report
    client.logout()
    body = client.get(f"/api/v1/commitments/{world.commitment.ogp_id}/?format=json").json()
    assert body["self_reported"] == {"completion": "substantial", "as_of": "2013-09-01"}


def test_a_status_update_makes_its_commitment_changed_for_api_clients_that_sync(client, world):
    Commitment.objects.update(updated_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    since = timezone.now().astimezone(datetime.UTC).replace(microsecond=0, tzinfo=None)
    client.force_login(world.editor)
    _post(client, world.commitment)
    client.logout()
    response = client.get("/api/v1/commitments/", {"updated_since": f"{since.isoformat()}Z"})
    assert response.status_code == 200
    assert [row["ogp_id"] for row in response.json()["results"]] == [world.commitment.ogp_id]


def test_the_service_refuses_what_its_callers_did_not_check(world, settings):
    """The demo loaders call the service directly: it names each refused field in the user's
    words, and writes nothing."""
    settings.LANGUAGE_CODE = "en"
    stranger = factories.make_editor(username="stranger")
    with pytest.raises(PermissionDenied) as refused:
        record_status_update(
            commitment=world.commitment, author=stranger, completion="limited", as_of=AS_OF
        )
    assert str(refused.value) == (
        "You may only report on commitments your organisation monitors, or, as a responsible"
        " official, on those it leads."
    )
    elsewhere = factories.StatusUpdateFactory(commitment=world.other)
    with pytest.raises(ValidationError) as invalid:
        record_status_update(
            commitment=world.commitment,
            author=world.editor,
            completion="finished",
            as_of=timezone.localdate() + datetime.timedelta(days=1),
            corrects=elsewhere,
        )
    assert invalid.value.message_dict == {
        "completion": ["Choose a completion level from the list."],
        "as_of": ["The as-of date cannot be in the future."],
        "corrects": ["A correction must be about the same commitment."],
    }
    assert list(StatusUpdate.objects.all()) == [elsewhere]
    record_status_update(
        commitment=world.commitment, author=world.editor, completion="limited", as_of=AS_OF
    )
    assert StatusUpdate.objects.get(commitment=world.commitment).note == ""


@pytest.mark.parametrize("role", ["researcher", "plan_admin"])
def test_other_roles_cannot_post_status_updates(client, world, role):
    client.force_login(getattr(world, role))
    assert _post(client, world.commitment).status_code == 403
    assert not StatusUpdate.objects.exists()


def test_anonymous_is_sent_to_login(client, world):
    response = _post(client, world.commitment)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert not StatusUpdate.objects.exists()


def test_bad_input_is_shown_next_to_the_field_keeps_input_and_saves_nothing(client, world):
    client.force_login(world.editor)
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = _post(
        client,
        world.commitment,
        as_of=future,
        links="not a link",
        note="Kept note text",
        lang="en",
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "The as-of date cannot be in the future." in html
    assert "These are not web addresses" in html
    assert "Kept note text" in html  # the user's other input is kept
    assert 'value="limited" id="id_completion_2" checked' in html or (
        'value="limited"' in html and "checked" in html
    )
    assert not StatusUpdate.objects.exists()


def test_bad_input_in_spanish_by_default(client, world):
    client.force_login(world.editor)
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    html = _post(client, world.commitment, as_of=future).content.decode()
    assert "La fecha de corte no puede estar en el futuro." in html


def test_evidence_is_required(client, world):
    client.force_login(world.editor)
    response = _post(client, world.commitment, links="", lang="en")
    assert response.status_code == 400
    assert "Give at least one link or file as evidence." in response.content.decode()
    assert not StatusUpdate.objects.exists()


def test_file_type_is_checked_by_content_not_name(client, world):
    client.force_login(world.editor)
    fake = SimpleUploadedFile(
        "informe.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    response = _post(client, world.commitment, files=[fake], lang="en")
    assert response.status_code == 400
    assert "informe.pdf is not a PDF, an image or an office document" in response.content.decode()
    assert not StatusUpdate.objects.exists()
    assert not StatusEvidence.objects.exists()


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.txt", "not a document")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("informe.pdf", _zip_bytes()),  # a recognised type (zip), but not evidence
        ("acta.docx", b"MZ\x90\x00" + b"\x00" * 64),  # a Windows executable
    ],
    ids=["zip", "exe"],
)
def test_a_recognised_file_type_that_is_not_evidence_is_refused(client, world, name, content):
    client.force_login(world.editor)
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = _post(client, world.commitment, files=[upload], lang="en")
    assert response.status_code == 400
    assert f"{name} is not a PDF, an image or an office document" in response.content.decode()
    assert not StatusUpdate.objects.exists()
    assert not StatusEvidence.objects.exists()


def test_file_size_limit_comes_from_settings(client, world, settings):
    settings.EVIDENCE_MAX_BYTES = 1024
    client.force_login(world.editor)
    big = SimpleUploadedFile("big.pdf", PDF_BYTES + b"0" * 2048, content_type="application/pdf")
    response = _post(client, world.commitment, files=[big], lang="en")
    assert response.status_code == 400
    assert "big.pdf is larger than 1.0\xa0KB." in response.content.decode()
    assert not StatusUpdate.objects.exists()


def test_a_correction_names_the_update_it_corrects(client, world):
    client.force_login(world.editor)
    _post(client, world.commitment, completion="complete")
    first = StatusUpdate.objects.get()
    _post(client, world.commitment, completion="limited", corrects=str(first.pk))
    correction = StatusUpdate.objects.exclude(pk=first.pk).get()
    assert correction.corrects == first
    first.refresh_from_db()
    assert first.completion == "complete"  # the original is never edited
    html = client.get(
        f"/commitments/{world.commitment.ogp_id}/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Corrects the update as of" in html


def test_status_updates_have_no_edit_or_delete_page(client, world):
    update = factories.StatusUpdateFactory(commitment=world.commitment, author=world.editor)
    client.force_login(world.editor)
    base = f"/commitments/{world.commitment.ogp_id}/report/{update.pk}/"
    assert client.get(base + "edit/").status_code == 404
    assert client.post(base + "delete/").status_code == 404


def test_my_commitments_lists_only_monitored_ones(client, world):
    client.force_login(world.editor)
    html = client.get("/my/commitments/").content.decode()
    assert world.commitment.title in html
    assert world.other.title not in html
    assert _url(world.commitment) in html


def test_after_posting_the_success_message_is_in_spanish(client, world):
    client.force_login(world.editor)
    response = _post(client, world.commitment, lang="es")
    assert response.status_code == 302
    page = client.get(response["Location"], headers={"accept-language": "es"}).content.decode()
    assert "Su reporte de avance fue publicado." in page
    assert "Your status update was published." not in page


def test_my_commitments_query_count_does_not_grow_with_commitments(client, world):
    client.force_login(world.editor)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/my/commitments/")
        assert response.status_code == 200
        return len(ctx.captured_queries)

    one = queries()  # world.commitment alone
    for _ in range(9):
        commitment = factories.CommitmentFactory(
            action_plan=factories.ActionPlanFactory(),
            lead_organization=factories.OrganizationFactory(),
        )
        commitment.monitoring_organizations.add(world.civil)
    ten = queries()
    assert ten == one, (one, ten)


def test_my_commitments_is_for_editors_only(client, world):
    client.force_login(world.researcher)
    assert client.get("/my/commitments/").status_code == 403
    client.logout()
    assert client.get("/my/commitments/").status_code == 302


# --- Evidence files are served by the app, never as HTML ---------------------------------------


def _upload(client, world, name: str, content: bytes, content_type: str) -> StatusEvidence:
    client.force_login(world.editor)
    response = _post(
        client, world.commitment, files=[SimpleUploadedFile(name, content, content_type)]
    )
    assert response.status_code == 302
    return StatusEvidence.objects.exclude(file="").get()


def test_pdf_evidence_is_an_attachment_with_its_stored_type(client, world):
    evidence = _upload(client, world, "acta.pdf", PDF_BYTES, "text/html")
    assert not evidence.file.name.endswith("acta.pdf")  # random name on disk
    client.logout()
    response = client.get(f"/evidence/{evidence.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_a_pdf_named_html_is_stored_and_downloaded_as_a_pdf(client, world):
    # A PDF/HTML polyglot keeps the uploader's name but never their extension.
    evidence = _upload(client, world, "informe.html", PDF_BYTES, "text/html")
    assert evidence.file.name.endswith(".pdf")
    response = client.get(f"/evidence/{evidence.pk}/")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="informe.pdf"' in response["Content-Disposition"]


def test_image_evidence_is_shown_inline(client, world):
    evidence = _upload(client, world, "foto.png", PNG_BYTES, "image/png")
    response = client.get(f"/evidence/{evidence.pk}/")
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_evidence_with_an_unexpected_stored_type_is_never_served_as_html(client, world):
    evidence = _upload(client, world, "acta.pdf", PDF_BYTES, "application/pdf")
    StatusEvidence.objects.filter(pk=evidence.pk).update(content_type="text/html")
    response = client.get(f"/evidence/{evidence.pk}/")
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


def test_link_evidence_has_no_download(client, world):
    update = factories.StatusUpdateFactory(commitment=world.commitment, author=world.editor)
    link = StatusEvidence.objects.create(status_update=update, url="https://example.org/x")
    assert client.get(f"/evidence/{link.pk}/").status_code == 404
    assert client.get("/evidence/999999/").status_code == 404
