"""Followers hear of new outcome checks: by email at once or in the daily digest, never twice, never
the author, never for a refused check. Checks recorded through the page and the API."""

from __future__ import annotations

import pytest
from django.utils import translation

from commitments import tasks
from commitments.models import Follow, NotificationDelivery, OutcomeCheck
from tests import factories

from .test_outcome_checks import api_url, ended_commitment, form_data, form_url, token_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def follow(user, frequency="instant", **target) -> Follow:
    return Follow.objects.create(user=user, frequency=frequency, **target)


@pytest.fixture
def watched(db):
    """An ended, completed commitment; its monitoring editor; a reader following its plan."""
    commitment, monitor = ended_commitment(short_title="Reglamento de transparencia")
    editor = factories.make_editor(monitor, first_name="Ana", last_name="Quispe")
    reader = factories.UserFactory(email="reader@example.org")
    follow(reader, action_plan=commitment.action_plan)
    return commitment, monitor, editor, reader


def test_a_check_recorded_on_the_page_emails_the_plan_follower_once_the_check_is_saved(
    client, watched, mailoutbox, django_capture_on_commit_callbacks
):
    commitment, monitor, editor, _ = watched
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(form_url(commitment), form_data(), **EN)
    assert response.status_code == 302
    # Sent after the commit, not inside the transaction (beside the evidence link's check).
    assert [c.__qualname__ for c in callbacks].count(
        "send commitments.tasks.notify_outcome_check"
    ) == 1
    check = OutcomeCheck.objects.get()
    [email] = mailoutbox
    assert email.to == ["reader@example.org"]
    assert commitment.ogp_id in email.subject
    assert "did it last?" in email.subject.lower() or "¿perduró?" in email.subject.lower()
    assert f"Ana Quispe ({monitor.name})" in email.body
    assert "The regulation exists but no agency applies it." in email.body
    assert "https://example.org/informe-2015" in email.body
    assert f"/commitments/{commitment.ogp_id}/#outcome-{check.pk}" in email.body


def test_a_check_recorded_through_the_api_emails_a_commitment_follower(
    api_client, watched, mailoutbox, django_capture_on_commit_callbacks
):
    commitment, _, editor, _ = watched
    follow(factories.UserFactory(email="second@example.org"), commitment=commitment)
    with django_capture_on_commit_callbacks(execute=True):
        response = token_client(api_client, editor).post(
            api_url(commitment), form_data(verdict="weakened"), format="json"
        )
    assert response.status_code == 201
    assert sorted(m.to[0] for m in mailoutbox) == ["reader@example.org", "second@example.org"]


def test_the_author_is_not_told_of_their_own_check(
    client, watched, mailoutbox, django_capture_on_commit_callbacks
):
    commitment, _, editor, reader = watched
    reader.follows.all().delete()
    follow(editor, commitment=commitment)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(form_url(commitment), form_data())
    assert OutcomeCheck.objects.count() == 1
    assert mailoutbox == []


def test_a_refused_check_tells_nobody(
    client, watched, mailoutbox, django_capture_on_commit_callbacks
):
    commitment, _, editor, _ = watched
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(form_url(commitment), form_data(evidence_url=""), **EN)
    assert response.status_code == 400  # the form again, with the error
    assert callbacks == [] and mailoutbox == []
    assert not NotificationDelivery.objects.exists()


def test_a_retried_task_never_sends_twice_and_a_digest_follower_gets_it_in_the_digest(
    watched, mailoutbox
):
    commitment, _, editor, _ = watched
    digest_reader = factories.UserFactory(email="digest@example.org")
    follow(digest_reader, frequency="daily", organization=commitment.lead_organization)
    check = factories.OutcomeCheckFactory(
        commitment=commitment, author=editor, verdict="dead_letter", note="Letra muerta."
    )
    assert tasks.notify_outcome_check(check.pk) == 1
    assert tasks.notify_outcome_check(check.pk) == 0
    assert [m.to for m in mailoutbox] == [["reader@example.org"]]
    assert tasks.send_daily_digests() == 1
    assert mailoutbox[-1].to == ["digest@example.org"]
    assert "Letra muerta." in mailoutbox[-1].body
    assert NotificationDelivery.objects.filter(event_key=f"outcomecheck:{check.pk}").count() == 2


def test_a_check_that_is_gone_is_a_quiet_no_op():
    assert tasks.notify_outcome_check(987654) == 0


def test_the_outcome_email_says_each_line_in_the_sites_language(watched, mailoutbox, settings):
    """A correction with a note and evidence: the subject and every line of the body, in Spanish
    (the site's language, whoever's request recorded the check)."""
    settings.LANGUAGE_CODE = "es"
    commitment, monitor, editor, _ = watched
    earlier = factories.OutcomeCheckFactory(
        commitment=commitment, author=editor, author_organization=monitor
    )
    check = factories.OutcomeCheckFactory(
        commitment=commitment,
        author=editor,
        author_organization=monitor,
        corrects=earlier,
        verdict="dead_letter",
        note="Letra muerta.",
        evidence_url="https://example.org/informe-2016",
    )
    with translation.override("es"):
        verdict = check.get_verdict_display()

    assert tasks.notify_outcome_check(check.pk) == 1
    [email] = mailoutbox
    assert email.subject == f"[OGP Tracker] {commitment.ogp_id}: ¿perduró? {verdict}"
    assert email.body.split("\n") == [
        f"{commitment}: después del plan, ¿perduró? {verdict}, verificado el 1 de junio de 2015.",
        f"Por: Ana Quispe ({monitor.name})",
        "Esto corrige una verificación de resultado anterior.",
        "Nota: Letra muerta.",
        "Evidencia: https://example.org/informe-2016",
        f"{settings.SITE_URL}/commitments/{commitment.ogp_id}/#outcome-{check.pk}",
    ]


def test_notifying_a_check_reads_it_with_its_commitment_author_and_organisation_at_once(
    watched, django_assert_num_queries
):
    commitment, monitor, editor, _ = watched
    check = factories.OutcomeCheckFactory(
        commitment=commitment, author=editor, author_organization=monitor
    )
    # The check with its commitment, author and organisation; the visitors following it; the
    # followers; their delivery rows written; the instant ones read with their user; the claim.
    with django_assert_num_queries(6):
        assert tasks.notify_outcome_check(check.pk) == 1
