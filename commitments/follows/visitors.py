"""Visitors without an account: signed links (double opt-in confirmation, unsubscribe), the
per-address and per-IP limit, the link rule for unverified senders, and follows by email.

A confirmation link carries the row's id signed with Django's TimestampSigner (it expires after
VISITOR_CONFIRMATION_DAYS); an unsubscribe link is signed without a time, so an old email still
works. Nothing is stored to check a link: the signature is the proof."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import ActionPlan, Commitment, VisitorFollow, VisitorRequest

# What looks like a link in a visitor's text: a scheme, "www." or a bare domain with a path.
LINK = re.compile(r"(https?://|www\.|\b[\w-]+\.(com|org|net|pe|info|io|ru|xyz|top)\b)", re.I)


def sign(purpose: str, pk: int) -> str:
    return signing.TimestampSigner(salt=f"visitor:{purpose}").sign(str(pk))


def unsign(purpose: str, token: str) -> int | None:
    """The id a confirmation token carries, or None when it is forged or older than the limit."""
    max_age = datetime.timedelta(days=settings.VISITOR_CONFIRMATION_DAYS)
    try:
        return int(signing.TimestampSigner(salt=f"visitor:{purpose}").unsign(token, max_age))
    except (signing.BadSignature, ValueError):
        return None


def sign_forever(purpose: str, pk: int) -> str:
    return signing.Signer(salt=f"visitor:{purpose}").sign(str(pk))


def unsign_forever(purpose: str, token: str) -> int | None:
    try:
        return int(signing.Signer(salt=f"visitor:{purpose}").unsign(token))
    except (signing.BadSignature, ValueError):
        return None


def site_url(view_name: str, **kwargs: str) -> str:
    return f"{settings.SITE_URL}{reverse(view_name, kwargs=kwargs)}"


def check_visitor_request(*, email: str, ip: str | None, kind: str) -> None:
    """Refuse (ValidationError) a visitor over VISITOR_REQUESTS_PER_HOUR from this address or this
    IP; otherwise count this request."""
    since = timezone.now() - datetime.timedelta(hours=1)
    if (
        VisitorRequest.objects.recent(email=email, ip=ip, since=since).count()
        >= settings.VISITOR_REQUESTS_PER_HOUR
    ):
        raise ValidationError(
            _("Too many requests from this address in the last hour. Please try again later."),
            code="rate_limited",
        )
    VisitorRequest.objects.create(email=email, ip=ip, kind=kind)


def check_no_links(text: str) -> None:
    """Senders whose address is not yet verified may not post links (spam defence)."""
    if LINK.search(text):
        raise ValidationError(
            _("Links are not accepted from visitors without an account: write the address out."),
            code="links",
        )


def unsubscribe_url(follow: VisitorFollow) -> str:
    return site_url("commitments:visitor_unfollow", token=sign_forever("unfollow", follow.pk))


def request_visitor_follow(
    *,
    email: str,
    ip: str | None,
    commitment: Commitment | None = None,
    action_plan: ActionPlan | None = None,
) -> VisitorFollow:
    """Record a follow by email, unconfirmed, and mail the confirmation link (double opt-in).
    Asking again for a follow already there mails the link again; a confirmed one stays as it is."""
    if (commitment is None) == (action_plan is None):
        raise ValidationError(_("Follow one commitment or plan."))
    email = email.strip()
    with transaction.atomic():
        check_visitor_request(email=email, ip=ip, kind="follow")
        try:
            with transaction.atomic():
                follow, _created = VisitorFollow.objects.get_or_create(
                    email=email, commitment=commitment, action_plan=action_plan
                )
        except IntegrityError:  # a double click raced us: the row is there
            follow = VisitorFollow.objects.get(
                email=email, commitment=commitment, action_plan=action_plan
            )
    if follow.confirmed_at is None:
        transaction.on_commit(lambda: _mail_follow_confirmation(follow))
    return follow


def mail_confirmation(
    *,
    to: str,
    subject: str,
    link: str,
    asked: list[str],
    open_link: str,
    ignore: str,
    after: Sequence[str] = (),
) -> None:
    """Email a visitor the link that confirms what they `asked` (paragraphs): `open_link` (with
    %(days)d, how long the link lasts), the link, what `ignore` means, then `after`."""
    days = {"days": settings.VISITOR_CONFIRMATION_DAYS}
    body = "\n\n".join([*asked, open_link % days, link, ignore, *after])
    send_mail(subject, body, None, [to])


def _mail_follow_confirmation(follow: VisitorFollow) -> None:
    mail_confirmation(
        to=follow.email,
        subject=_("[OGP Tracker] Confirm your follow"),
        link=site_url("commitments:visitor_follow_confirm", token=sign("follow", follow.pk)),
        asked=[
            _("Someone (we hope you) asked to follow %(target)s on the OGP Tracker by email.")
            % {"target": follow.target}
        ],
        open_link=_("To confirm, open this link within %(days)d days:"),
        ignore=_("If it was not you, ignore this email: nothing will be sent to you."),
        after=[_("Stop these emails: %(url)s") % {"url": unsubscribe_url(follow)}],
    )


def confirm_visitor_follow(*, token: str) -> VisitorFollow | None:
    """Confirm the follow a link names; None for a forged or expired link. Safe to open twice."""
    pk = unsign("follow", token)
    if pk is None:
        return None
    VisitorFollow.objects.filter(pk=pk, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now()
    )
    return VisitorFollow.objects.select_related("commitment", "action_plan").filter(pk=pk).first()


def end_visitor_follow(*, token: str) -> bool:
    """Delete the follow an unsubscribe link names. True when the link was genuine."""
    pk = unsign_forever("unfollow", token)
    if pk is None:
        return False
    VisitorFollow.objects.filter(pk=pk).delete()
    return True
