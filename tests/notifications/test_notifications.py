"""Follow notifications: who is told, what the email says, and never twice."""

from __future__ import annotations

import datetime
from smtplib import SMTPException

import pytest
from django.urls import reverse

from commitments import notifications, tasks
from commitments.follows.visitors import unsubscribe_url
from commitments.models import (
    Follow,
    NotificationDelivery,
    StatusUpdate,
    VisitorFollow,
    VisitorNotification,
)
from reviews.tasks import notify_report_published
from tests.factories import (
    AssessmentFactory,
    CommitmentFactory,
    IRMReportFactory,
    OrganizationFactory,
    UserFactory,
    make_editor,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def update(db) -> StatusUpdate:
    """A status update written by an editor of "Transparencia" on a commitment of plan P."""
    org = OrganizationFactory(name="Transparencia", kind="civil_society")
    author = make_editor(org, first_name="Ana", last_name="Quispe")
    commitment = CommitmentFactory(ogp_id="PE0008", short_title="Open budgets")
    return StatusUpdate.objects.create(
        commitment=commitment,
        completion="substantial",
        as_of=datetime.date(2026, 1, 10),
        note="Budget portal launched",
        author=author,
        author_organization=org,
    )


def follow(user, frequency="instant", **target) -> Follow:
    return Follow.objects.create(user=user, frequency=frequency, **target)


def test_follower_gets_one_email_naming_what_changed_who_and_a_link(update, mailoutbox):
    reader = UserFactory(email="reader@example.org")
    follow(reader, commitment=update.commitment)

    assert tasks.notify_status_update(update.pk) == 1
    [email] = mailoutbox
    assert email.to == ["reader@example.org"]
    assert "PE0008" in email.subject
    assert "Ana Quispe (Transparencia)" in email.body
    assert "Budget portal launched" in email.body
    assert "http://127.0.0.1:8000/commitments/PE0008/" in email.body


def test_a_retried_task_never_sends_twice(update, mailoutbox):
    follow(UserFactory(), commitment=update.commitment)
    assert tasks.notify_status_update(update.pk) == 1
    assert tasks.notify_status_update(update.pk) == 0
    assert len(mailoutbox) == 1
    assert NotificationDelivery.objects.filter(sent_at__isnull=False).count() == 1


def test_two_runs_racing_for_the_same_delivery_send_one_email(update, mailoutbox, monkeypatch):
    """Two workers run the same delivery at once: both read the unsent row, one claim wins."""
    follow(UserFactory(email="reader@example.org"), commitment=update.commitment)
    real_claim = notifications._claim
    other_run: list[int] = []
    racing = [True]

    def claim_after_the_other_worker(delivery_ids):
        if racing:
            racing.clear()
            # The other worker reads, claims and sends between this run's read and its claim.
            other_run.append(tasks.notify_status_update(update.pk))
        return real_claim(delivery_ids)

    monkeypatch.setattr(notifications, "_claim", claim_after_the_other_worker)
    assert tasks.notify_status_update(update.pk) == 0
    assert other_run == [1]
    assert [m.to for m in mailoutbox] == [["reader@example.org"]]


def test_a_deactivated_follower_gets_no_email(update, mailoutbox):
    gone = UserFactory(email="gone@example.org")
    follow(gone, commitment=update.commitment)
    follow(UserFactory(email="reader@example.org"), action_plan=update.commitment.action_plan)
    gone.is_active = False
    gone.save(update_fields=["is_active"])

    assert tasks.notify_status_update(update.pk) == 1
    assert [m.to for m in mailoutbox] == [["reader@example.org"]]
    assert not NotificationDelivery.objects.filter(user=gone).exists()


def test_followers_of_the_plan_and_the_lead_organisation_are_told_once_each(update, mailoutbox):
    commitment = update.commitment
    plan_follower = UserFactory()
    org_follower = UserFactory()
    both = UserFactory()
    follow(plan_follower, action_plan=commitment.action_plan)
    follow(org_follower, organization=commitment.lead_organization)
    follow(both, commitment=commitment)
    follow(both, action_plan=commitment.action_plan)
    follow(UserFactory(), commitment=CommitmentFactory())  # something else

    assert tasks.notify_status_update(update.pk) == 3
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        u.email for u in (plan_follower, org_follower, both)
    )


def test_the_author_is_not_told_about_their_own_update(update, mailoutbox):
    follow(update.author, commitment=update.commitment)
    assert tasks.notify_status_update(update.pk) == 0
    assert mailoutbox == []


def daily_changes(update: StatusUpdate, *readers) -> StatusUpdate:
    """Each reader follows `update`'s plan daily; a second update on the plan; both notified."""
    for reader in readers:
        follow(reader, frequency="daily", action_plan=update.commitment.action_plan)
    second = StatusUpdate.objects.create(
        commitment=CommitmentFactory(action_plan=update.commitment.action_plan, ogp_id="PE0009"),
        completion="complete",
        as_of=datetime.date(2026, 1, 11),
        author=update.author,
    )
    tasks.notify_status_update(update.pk)
    tasks.notify_status_update(second.pk)
    return second


def test_daily_followers_get_one_digest_listing_the_days_changes(update, mailoutbox):
    reader = UserFactory()
    daily_changes(update, reader)
    assert mailoutbox == []  # nothing instant for a daily follower

    assert tasks.send_daily_digests() == 1
    [digest] = mailoutbox
    assert digest.to == [reader.email]
    assert "PE0008" in digest.body and "PE0009" in digest.body
    # A retried digest task finds everything claimed and sends nothing.
    assert tasks.send_daily_digests() == 0
    assert len(mailoutbox) == 1


def test_a_mail_server_error_is_recorded_and_not_retried(update, mailoutbox, monkeypatch):
    from commitments import notifications

    follow(UserFactory(), commitment=update.commitment)

    def refuse(*args, **kwargs):
        raise SMTPException("451 try later")

    monkeypatch.setattr(notifications, "send_mail", refuse)
    assert tasks.notify_status_update(update.pk) == 0
    delivery = NotificationDelivery.objects.get()
    assert "451" in delivery.error
    # At most once: the claimed row is never sent by a retry, even once the server is back.
    monkeypatch.undo()
    assert tasks.notify_status_update(update.pk) == 0
    assert mailoutbox == []


def test_publishing_an_irm_report_tells_the_plan_followers(mailoutbox):
    report = IRMReportFactory(state="published")
    AssessmentFactory(report=report, completion="complete")
    reader = UserFactory()
    follow(reader, action_plan=report.action_plan)
    assert notify_report_published(report.pk) == 1
    assert notify_report_published(report.pk) == 0
    [email] = mailoutbox
    assert report.action_plan.ogp_id in email.subject
    assert f"/irm/reports/{report.pk}/" in email.body


def test_a_draft_report_tells_nobody(mailoutbox):
    report = IRMReportFactory(state="draft")
    AssessmentFactory(report=report)
    follow(UserFactory(), action_plan=report.action_plan)
    assert notify_report_published(report.pk) == 0
    assert mailoutbox == []


def test_a_follow_has_exactly_one_target_and_is_unique(update):
    from django.db import IntegrityError, transaction

    user = UserFactory()
    commitment = update.commitment
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(user=user, commitment=commitment, action_plan=commitment.action_plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(user=user)
    follow(user, commitment=commitment)
    with pytest.raises(IntegrityError), transaction.atomic():
        follow(user, commitment=commitment)


def test_a_notification_row_is_unique_per_user_and_event(update):
    from django.db import IntegrityError, transaction

    user = UserFactory()
    fields = {
        "user": user,
        "event_key": "statusupdate:1",
        "frequency": "instant",
        "url": "http://x/",
    }
    NotificationDelivery.objects.create(subject="a", body="b", **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        NotificationDelivery.objects.create(subject="a", body="b", **fields)


def test_each_daily_follower_gets_a_digest_in_the_sites_language_listing_every_change(
    update, mailoutbox, settings
):
    settings.LANGUAGE_CODE = "es"
    ana, ben = UserFactory(email="ana@example.org"), UserFactory(email="ben@example.org")
    daily_changes(update, ana, ben)

    assert tasks.send_daily_digests() == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["ana@example.org", "ben@example.org"]
    for email in mailoutbox:
        assert email.subject == "[OGP Tracker] 2 cambios en lo que sigue"
        changes = NotificationDelivery.objects.filter(user__email=email.to[0]).order_by("pk")
        assert email.body == "\n\n".join(f"{d.subject}\n{d.body}" for d in changes)
        assert (
            "PE0008 Open budgets: nuevo estado reportado: Sustancial, al 10 de enero de 2026."
            in email.body
        )
    assert not NotificationDelivery.objects.filter(sent_at__isnull=True).exists()


def test_a_digest_run_leaves_what_another_run_claimed_and_still_sends_the_others(
    update, mailoutbox, monkeypatch
):
    """Another run claims the first reader's changes while this run is between reading the queue
    and claiming: this run sends that reader nothing, and the second reader their digest."""
    first, second = UserFactory(email="first@example.org"), UserFactory(email="second@example.org")
    daily_changes(update, first, second)
    queue = NotificationDelivery.objects.unsent_digest().order_by("created_at", "pk")
    claimed_first = queue.first().user_id
    real_now = notifications.timezone.now
    racing = [True]

    def now_after_the_other_run_claims():
        if racing:
            racing.clear()
            earlier = real_now() - datetime.timedelta(minutes=1)
            NotificationDelivery.objects.filter(user_id=claimed_first).update(sent_at=earlier)
        return real_now()

    monkeypatch.setattr(notifications.timezone, "now", now_after_the_other_run_claims)
    assert tasks.send_daily_digests() == 1
    other = second if claimed_first == first.pk else first
    assert [m.to for m in mailoutbox] == [[other.email]]


def test_a_refused_digest_is_recorded_on_each_change_it_held_and_not_retried(
    update, mailoutbox, monkeypatch
):
    reader = UserFactory()
    daily_changes(update, reader)

    def refuse(*args, **kwargs):
        raise SMTPException("452 mailbox full")

    monkeypatch.setattr(notifications, "send_mail", refuse)
    assert tasks.send_daily_digests() == 0
    errors = list(NotificationDelivery.objects.filter(user=reader).values_list("error", flat=True))
    assert len(errors) == 2 and all("452 mailbox full" in error for error in errors)
    monkeypatch.undo()
    assert tasks.send_daily_digests() == 0
    assert mailoutbox == []


def test_a_mail_servers_long_error_is_kept_to_its_first_2000_characters(
    update, mailoutbox, monkeypatch
):
    follow(UserFactory(), commitment=update.commitment)

    def refuse(*args, **kwargs):
        raise SMTPException("5" * 3000)

    monkeypatch.setattr(notifications, "send_mail", refuse)
    assert tasks.notify_status_update(update.pk) == 0
    assert NotificationDelivery.objects.get().error == "5" * 2000


def test_the_status_email_says_each_line_in_the_sites_language(update, mailoutbox, settings):
    """A correction with a note: the subject and every line of the body, in Spanish (the site's
    language, whoever's request saved the update)."""
    settings.LANGUAGE_CODE = "es"
    follow(UserFactory(), commitment=update.commitment)
    earlier = StatusUpdate.objects.create(
        commitment=update.commitment,
        completion="limited",
        as_of=datetime.date(2026, 1, 5),
        author=update.author,
    )
    StatusUpdate.objects.filter(pk=update.pk).update(corrects=earlier)

    assert tasks.notify_status_update(update.pk) == 1
    [email] = mailoutbox
    assert email.subject == "[OGP Tracker] PE0008: Sustancial"
    assert email.body.split("\n") == [
        "PE0008 Open budgets: nuevo estado reportado: Sustancial, al 10 de enero de 2026.",
        "Por: Ana Quispe (Transparencia)",
        "Esto corrige un reporte anterior.",
        "Nota: Budget portal launched",
        f"{settings.SITE_URL}/commitments/PE0008/",
    ]


def test_notifying_an_update_reads_it_with_its_commitment_author_and_organisation_at_once(
    update, django_assert_num_queries
):
    follow(UserFactory(), commitment=update.commitment)
    # The update with its commitment, author and organisation; the visitors following it; the
    # followers; their delivery rows written; the instant ones read with their user; the claim.
    with django_assert_num_queries(6):
        assert tasks.notify_status_update(update.pk) == 1


def test_a_follower_with_an_instant_and_a_daily_follow_is_told_at_once(update, mailoutbox):
    reader = UserFactory(email="reader@example.org")
    follow(reader, commitment=update.commitment)  # instant, the older follow
    follow(reader, frequency="daily", action_plan=update.commitment.action_plan)
    assert tasks.notify_status_update(update.pk) == 1
    assert [m.to for m in mailoutbox] == [["reader@example.org"]]


def test_a_follower_without_an_email_address_is_not_queued(update, mailoutbox):
    follow(UserFactory(email=""), commitment=update.commitment)
    assert tasks.notify_status_update(update.pk) == 0
    assert not NotificationDelivery.objects.exists()
    assert mailoutbox == []


def visitor(email: str, **target) -> VisitorFollow:
    followed = VisitorFollow.objects.create(email=email, **target)
    VisitorFollow.objects.filter(pk=followed.pk).update(confirmed_at="2026-01-01T00:00Z")
    return followed


def test_each_visitor_address_is_emailed_once_with_its_own_stop_link(update, mailoutbox, settings):
    settings.LANGUAGE_CODE = "es"
    plan = update.commitment.action_plan
    first = visitor("Vera@example.org", commitment=update.commitment)
    visitor("vera@example.org", action_plan=plan)  # the same address, written otherwise
    second = visitor("otto@example.org", action_plan=plan)
    follow(UserFactory(email="reader@example.org"), commitment=update.commitment)

    assert tasks.notify_status_update(update.pk) == 3  # two visitors and one follower
    by_address = {m.to[0]: m for m in mailoutbox}
    assert sorted(by_address) == ["Vera@example.org", "otto@example.org", "reader@example.org"]
    event = notifications.status_update_event(StatusUpdate.objects.get(pk=update.pk))
    for address, followed in (("Vera@example.org", first), ("otto@example.org", second)):
        email = by_address[address]
        assert email.subject == "[OGP Tracker] PE0008: Sustancial"
        stop = f"Dejar de recibir estos correos: {unsubscribe_url(followed)}"
        assert email.body == f"{event.body}\n\n{stop}"
    assert tasks.notify_status_update(update.pk) == 0  # never twice


def test_a_visitor_already_told_is_skipped_and_the_others_still_told(update, mailoutbox):
    visitor("first@example.org", commitment=update.commitment)
    visitor("second@example.org", commitment=update.commitment)
    # An earlier run told the first visitor, then died.
    VisitorNotification.objects.create(
        email="first@example.org", event_key=f"statusupdate:{update.pk}"
    )
    assert tasks.notify_status_update(update.pk) == 1
    assert [m.to for m in mailoutbox] == [["second@example.org"]]


def test_a_visitor_email_the_mail_server_refuses_is_recorded_on_its_row_only(
    update, mailoutbox, monkeypatch
):
    visitor("fine@example.org", commitment=update.commitment)  # told before
    visitor("refused@example.org", commitment=update.commitment)
    visitor("after@example.org", commitment=update.commitment)  # and after the refused one
    key = f"statusupdate:{update.pk}"
    VisitorNotification.objects.create(email="refused@example.org", event_key="outcomecheck:1")
    real_send_mail = notifications.send_mail

    def refuse_one(subject, body, sender, to):
        if to == ["refused@example.org"]:
            raise SMTPException("5" * 3000)
        return real_send_mail(subject, body, sender, to)

    monkeypatch.setattr(notifications, "send_mail", refuse_one)
    assert tasks.notify_status_update(update.pk) == 2
    assert [m.to for m in mailoutbox] == [["fine@example.org"], ["after@example.org"]]
    errors = dict(VisitorNotification.objects.filter(event_key=key).values_list("email", "error"))
    assert errors == {
        "fine@example.org": "",
        "refused@example.org": "5" * 2000,
        "after@example.org": "",
    }
    assert VisitorNotification.objects.get(event_key="outcomecheck:1").error == ""


def test_a_link_that_cannot_be_built_points_at_the_home_page(settings):
    assert notifications.absolute_url("no-such-page") == f"{settings.SITE_URL}/"


def test_an_administrator_sees_the_link_of_each_queued_email(update, client):
    follow(UserFactory(), frequency="daily", commitment=update.commitment)
    tasks.notify_status_update(update.pk)
    delivery = NotificationDelivery.objects.get()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:commitments_notificationdelivery_change", args=[delivery.pk]))
    assert 'href="http://127.0.0.1:8000/commitments/PE0008/"' in page.content.decode()
