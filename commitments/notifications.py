"""Email the followers of what changed, each notification at most once.

Every event (a status update, an IRM report published) fans out into one `NotificationDelivery` row per
concerned user, unique per (user, event): a retried task finds the rows already there. A row is claimed
by a conditional UPDATE (sent_at set where it was empty) that commits before the email is handed to the
mail server, so two runs can never both send it. The price of "never twice" is "at most once": if the
process dies, or the mail server refuses, between the claim and the hand-over, that email is lost (the
row keeps the mail server's error in `error`). For a "something changed" email that is the better
failure than a duplicate.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .models import (
    Follow,
    NotificationDelivery,
    OutcomeCheck,
    StatusUpdate,
    VisitorFollow,
    VisitorNotification,
    public_author,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    """Something that changed on some commitments, said in a sentence, with a link."""

    key: str  # unique per event, e.g. "statusupdate:42"
    commitment_ids: tuple[int, ...]
    subject: str
    body: str
    url: str
    actor_id: int | None = None  # not told about their own change


def absolute_url(view_name: str, **kwargs: str) -> str:
    try:
        path = reverse(view_name, kwargs=kwargs)
    except NoReverseMatch:
        path = "/"
    return f"{settings.SITE_URL}{path}"


def report_event(
    report: StatusUpdate | OutcomeCheck,
    *,
    kind: str,
    headline: str,
    corrects: str,
    subject: str,
    anchor: str = "",
    evidence: bool = False,
) -> Event:
    """A new dated report on a commitment: `headline`, by whom, the correction note, the note (and
    the evidence link when `evidence`), then the link to the commitment's page at `anchor`."""
    commitment = report.commitment
    url = absolute_url("commitments:commitment", ogp_id=commitment.ogp_id) + anchor
    lines = [headline, _("By: %(author)s") % {"author": public_author(report)}]
    if report.corrects_id:
        lines.append(corrects)
    if report.note:
        lines.append(_("Note: %(note)s") % {"note": report.note})
    if evidence and report.evidence_url:
        lines.append(_("Evidence: %(url)s") % {"url": report.evidence_url})
    lines.append(url)
    return Event(
        key=f"{kind}:{report.pk}",
        commitment_ids=(commitment.pk,),
        subject=subject,
        body="\n".join(str(line) for line in lines),
        url=url,
        actor_id=report.author_id,
    )


def status_update_event(update: StatusUpdate) -> Event:
    commitment, level = update.commitment, update.get_completion_display()
    return report_event(
        update,
        kind="statusupdate",
        headline=_("%(commitment)s: new status reported: %(level)s, as of %(date)s.")
        % {
            "commitment": commitment,
            "level": level,
            "date": date_format(update.as_of, "DATE_FORMAT"),
        },
        corrects=_("This corrects an earlier report."),
        subject=_("[OGP Tracker] %(ogp_id)s: %(level)s")
        % {"ogp_id": commitment.ogp_id, "level": level},
    )


def outcome_check_event(check: OutcomeCheck) -> Event:
    """A new outcome check: what became of the commitment after the plan, by whom, with a link."""
    commitment, verdict = check.commitment, check.get_verdict_display()
    return report_event(
        check,
        kind="outcomecheck",
        headline=_("%(commitment)s: after the plan, did it last? %(verdict)s, checked on %(date)s.")
        % {
            "commitment": commitment,
            "verdict": verdict,
            "date": date_format(check.checked_on, "DATE_FORMAT"),
        },
        corrects=_("This corrects an earlier outcome check."),
        subject=_("[OGP Tracker] %(ogp_id)s: did it last? %(verdict)s")
        % {"ogp_id": commitment.ogp_id, "verdict": verdict},
        anchor=f"#outcome-{check.pk}",
        evidence=True,
    )


def _recipients(event: Event) -> dict[int, str]:
    """User id -> frequency: instant if any of the user's matching follows asks for instant."""
    follows = (
        Follow.objects.for_commitments(list(event.commitment_ids))
        .filter(user__is_active=True)
        .exclude(user__email="")
        .values_list("user_id", "frequency")
    )
    if event.actor_id is not None:
        follows = follows.exclude(user_id=event.actor_id)
    frequency: dict[int, str] = {}
    for user_id, freq in follows:
        if frequency.get(user_id) != Follow.Frequency.INSTANT:
            frequency[user_id] = freq
    return frequency


def _claim(delivery_ids: Iterable[int]) -> int:
    """Mark rows sent if nobody has; the row count says whether this run won them."""
    return NotificationDelivery.objects.filter(
        pk__in=list(delivery_ids), sent_at__isnull=True
    ).update(sent_at=timezone.now())


def _send(delivery_ids: list[int], subject: str, body: str, email: str) -> bool:
    try:
        send_mail(subject, body, None, [email])
    except Exception as exc:  # any mail-server failure: record it, never resend
        logger.warning("Notification %s to %s not sent: %s", delivery_ids, email, exc)
        NotificationDelivery.objects.filter(pk__in=delivery_ids).update(error=str(exc)[:2000])
        return False
    return True


def notify_visitors(event: Event) -> int:
    """Email the event to every confirmed visitor follow it concerns, once per address and event
    (the VisitorNotification row is written before the email: at most once), each email with the
    link that ends that follow."""
    from .follows.visitors import unsubscribe_url

    by_email: dict[str, VisitorFollow] = {}
    for follow in VisitorFollow.objects.for_commitments(list(event.commitment_ids)).order_by("pk"):
        by_email.setdefault(follow.email.lower(), follow)
    sent = 0
    for follow in by_email.values():
        try:
            with transaction.atomic():
                VisitorNotification.objects.create(email=follow.email, event_key=event.key)
        except IntegrityError:  # already sent by an earlier run
            continue
        body = "\n\n".join(
            [event.body, _("Stop these emails: %(url)s") % {"url": unsubscribe_url(follow)}]
        )
        try:
            send_mail(event.subject, body, None, [follow.email])
        except Exception as exc:  # any mail-server failure: record it, never resend
            logger.warning("Visitor notification %s not sent: %s", event.key, exc)
            VisitorNotification.objects.filter(email=follow.email, event_key=event.key).update(
                error=str(exc)[:2000]
            )
            continue
        sent += 1
    return sent


def notify_followers(event: Event) -> int:
    """Queue the event for every concerned follower and send the instant ones; email the visitors
    who follow by email. Returns emails sent."""
    visitors_sent = notify_visitors(event)
    recipients = _recipients(event)
    if not recipients:
        return visitors_sent
    # ignore_conflicts: a retried task finds the rows already there and adds none.
    NotificationDelivery.objects.bulk_create(
        [
            NotificationDelivery(
                user_id=user_id,
                event_key=event.key,
                frequency=frequency,
                subject=event.subject[:300],
                body=event.body,
                url=event.url[:500],
            )
            for user_id, frequency in recipients.items()
        ],
        ignore_conflicts=True,
    )
    instant = NotificationDelivery.objects.filter(
        event_key=event.key, frequency=Follow.Frequency.INSTANT, sent_at__isnull=True
    ).select_related("user")
    sent = 0
    for delivery in instant:
        if _claim([delivery.pk]) and _send(
            [delivery.pk], delivery.subject, delivery.body, delivery.user.email
        ):
            sent += 1
    return sent + visitors_sent


def notify_of(record: Any, event: Callable[[Any], Event]) -> int:
    """Tell the followers about `record`, in the site's language (quietly 0 if it is gone)."""
    if record is None:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        return notify_followers(event(record))


def _notify_report(model: type[StatusUpdate | OutcomeCheck], pk: int, event: Callable) -> int:
    """Tell the followers about the report `pk` of `model` (quietly 0 if it is gone)."""
    report = (
        model.objects.select_related("commitment", "author", "author_organization")
        .filter(pk=pk)
        .first()
    )
    return notify_of(report, event)


def notify_status_update(status_update_id: int) -> int:
    return _notify_report(StatusUpdate, status_update_id, status_update_event)


def notify_outcome_check(check_id: int) -> int:
    return _notify_report(OutcomeCheck, check_id, outcome_check_event)


def send_daily_digests() -> int:
    """One email per user with the day's queued events; each event is claimed before sending."""
    pending: dict[int, list[NotificationDelivery]] = defaultdict(list)
    for delivery in NotificationDelivery.objects.unsent_digest().order_by("created_at", "pk"):
        pending[delivery.user_id].append(delivery)
    users = get_user_model().objects.in_bulk(list(pending))
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user_id, deliveries in pending.items():
            user = users.get(user_id)
            if user is None:
                continue
            # Claim in one UPDATE stamped with this run's time, then read back what this run won:
            # a concurrent or earlier run keeps the rows it claimed.
            stamp = timezone.now()
            NotificationDelivery.objects.filter(
                pk__in=[d.pk for d in deliveries], sent_at__isnull=True
            ).update(sent_at=stamp)
            won = set(
                NotificationDelivery.objects.filter(
                    pk__in=[d.pk for d in deliveries], sent_at=stamp
                ).values_list("pk", flat=True)
            )
            items = [d for d in deliveries if d.pk in won]
            if not items:
                continue
            subject = _("[OGP Tracker] %(count)d changes on what you follow") % {
                "count": len(items)
            }
            body = "\n\n".join(f"{d.subject}\n{d.body}" for d in items)
            if _send(sorted(won), subject, body, user.email):
                sent += 1
    return sent
