"""Reminders: a commitment of a running plan with no status update for STATUS_REMINDER_MONTHS gets its
monitoring organisations' editors and its lead organisations' responsible officials an email (at most
one per person, commitment and period), and its page says "no update for N months". The rule is
`months_without_update`, used by both."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import ActionPlan, Commitment, Profile, StatusReminder
from .notifications import absolute_url
from .permissions import is_in_group
from .roles import EDITOR, OFFICIAL


def months_between(start: datetime.date, end: datetime.date) -> int:
    """Whole months from `start` to `end` (Jan 31 to Feb 28: 0; Jan 15 to Feb 15: 1)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def add_months(day: datetime.date, months: int) -> datetime.date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def silent_since(commitment: Commitment) -> datetime.date | None:
    """When the silence began: the latest update's as-of date, else the commitment's or plan's start."""
    return (
        commitment.self_reported_as_of or commitment.start_date or commitment.action_plan.start_date
    )


def months_without_update(commitment: Commitment, today: datetime.date) -> int | None:
    """Whole months without a status update, once they reach STATUS_REMINDER_MONTHS on a commitment
    of a plan in implementation; None otherwise. Reads the plan: select_related("action_plan")."""
    plan = commitment.action_plan
    if plan.current_status != ActionPlan.Status.IMPLEMENTATION:
        return None
    since = silent_since(commitment)
    if since is None or since > today:
        return None
    months = months_between(since, today)
    return months if months >= settings.STATUS_REMINDER_MONTHS else None


def _members_by_organization(organization_ids: set[int], role: str) -> dict[int, list]:
    """The active users with an email address of each organisation who hold `role`."""
    profiles = (
        Profile.objects.filter(
            organization_id__in=organization_ids,
            user__is_active=True,
            user__groups__name=role,
        )
        .exclude(user__email="")
        .select_related("user")
    )
    members: dict[int, list] = defaultdict(list)
    for profile in profiles:
        members[profile.organization_id].append(profile.user)
    return members


def _recipients(quiet: list[tuple[Commitment, int]]) -> dict[int, list]:
    """Who is reminded of each quiet commitment (by commitment id): the editors of the organisations
    that monitor it, and the responsible officials of the organisations that lead or co-lead it."""
    monitoring = {c.pk: {o.pk for o in c.monitoring_organizations.all()} for c, _m in quiet}
    leading = {
        c.pk: {c.lead_organization_id, *(o.pk for o in c.co_lead_organizations.all())} - {None}
        for c, _m in quiet
    }
    editors = _members_by_organization(set().union(*monitoring.values()), EDITOR)
    officials = _members_by_organization(set().union(*leading.values()), OFFICIAL)
    recipients: dict[int, list] = {}
    for c, _m in quiet:
        users = [u for org in monitoring[c.pk] for u in editors.get(org, [])]
        users += [u for org in leading[c.pk] for u in officials.get(org, [])]
        recipients[c.pk] = list({u.pk: u for u in users}.values())
    return recipients


def send_status_reminders(today: datetime.date) -> int:
    """Record the reminders due today (unique rows: a rerun adds none), then send each editor and
    responsible official one email with the ones this run claimed. Returns emails sent."""
    every = settings.STATUS_REMINDER_MONTHS
    candidates = list(
        Commitment.objects.quiet_since(add_months(today, -every), today=today)
        .select_related("action_plan")
        .prefetch_related("monitoring_organizations", "co_lead_organizations")
    )
    quiet = [(c, months_without_update(c, today)) for c in candidates]
    quiet = [(c, months) for c, months in quiet if months is not None]
    recipients = _recipients(quiet)
    rows = [
        StatusReminder(user=user, commitment=c, since=silent_since(c), period=months // every)
        for c, months in quiet
        for user in recipients[c.pk]
    ]
    StatusReminder.objects.bulk_create(rows, ignore_conflicts=True)
    wanted = defaultdict(set)
    for row in rows:
        wanted[row.user_id].add((row.commitment_id, row.since, row.period))
    months_by_commitment = {c.pk: (c, months) for c, months in quiet}
    users = get_user_model().objects.select_related("profile").in_bulk(list(wanted))
    sent = 0
    for user_id, keys in wanted.items():
        pending = StatusReminder.objects.filter(user_id=user_id, sent_at__isnull=True)
        ids = [
            pk
            for pk, commitment_id, since, period in pending.values_list(
                "pk", "commitment_id", "since", "period"
            )
            if (commitment_id, since, period) in keys
        ]
        # Claimed in one committed UPDATE stamped with this run's time, then read back: a
        # concurrent run keeps what it claimed, and nothing is sent twice.
        stamp = timezone.now()
        StatusReminder.objects.filter(pk__in=ids, sent_at__isnull=True).update(sent_at=stamp)
        won = list(
            StatusReminder.objects.filter(pk__in=ids, sent_at=stamp).values_list(
                "pk", "commitment_id"
            )
        )
        if not won:
            continue
        user = users[user_id]
        items = [months_by_commitment[commitment_id] for _pk, commitment_id in won]
        if _send(user, items, [pk for pk, _c in won]):
            sent += 1
    return sent


def _send(user, items: list[tuple[Commitment, int]], reminder_ids: list[int]) -> bool:
    """One email: to an editor, a call to post a status update; to a responsible official, a call
    to record the government's self-assessment on the commitment's page."""
    profile = getattr(user, "profile", None)
    language = (profile.language if profile else "") or settings.LANGUAGE_CODE
    official = is_in_group(user, OFFICIAL) and not is_in_group(user, EDITOR)
    with translation.override(language):
        if official:
            subject = ngettext(
                "[OGP Tracker] %(count)d commitment your organisation leads has no recent status "
                "update",
                "[OGP Tracker] %(count)d commitments your organisation leads have no recent status "
                "update",
                len(items),
            ) % {"count": len(items)}
            opening = _(
                "Civil society has posted no status update on these commitments for a while. "
                "Please record the government's self-assessment on each commitment's page, with "
                "its evidence, and answer the questions asked there."
            )
        else:
            subject = ngettext(
                "[OGP Tracker] %(count)d commitment you monitor has no recent status update",
                "[OGP Tracker] %(count)d commitments you monitor have no recent status update",
                len(items),
            ) % {"count": len(items)}
            opening = _("Please post a status update, even to say nothing has changed.")
        lines = [opening, ""]
        for commitment, months in sorted(items, key=lambda item: item[0].ogp_id):
            lines.append(
                ngettext(
                    "%(commitment)s: no update for %(months)d month",
                    "%(commitment)s: no update for %(months)d months",
                    months,
                )
                % {"commitment": commitment, "months": months}
            )
            if commitment.self_reported_completion:
                lines.append(
                    _("Last status: %(level)s, as of %(date)s.")
                    % {
                        "level": commitment.get_self_reported_completion_display(),
                        "date": date_format(commitment.self_reported_as_of, "DATE_FORMAT"),
                    }
                )
            page = "commitments:commitment" if official else "commitments:report"
            lines.append(absolute_url(page, ogp_id=commitment.ogp_id))
            lines.append("")
    try:
        send_mail(subject, "\n".join(lines), None, [user.email])
    except Exception as exc:  # any mail-server failure: record it, never resend
        StatusReminder.objects.filter(pk__in=reminder_ids).update(error=str(exc)[:2000])
        return False
    return True
