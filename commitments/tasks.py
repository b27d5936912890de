"""Background work of the commitments app. Thin: each task calls one domain function, safe to repeat."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.utils import timezone

from . import notifications, overdue, reminders
from .evidence import link_checks
from .search import matching


@shared_task
def mark_overdue(day: str | None = None) -> dict[str, int]:
    """Daily: mark overdue milestones (and un-mark met ones); count plans ended without a status."""
    when = datetime.date.fromisoformat(day) if day else timezone.localdate()
    return overdue.mark_overdue(day=when)


@shared_task
def notify_status_update(status_update_id: int) -> int:
    """Tell the followers of a commitment about a new status update. Returns emails sent now."""
    return notifications.notify_status_update(status_update_id)


@shared_task
def notify_outcome_check(outcome_check_id: int) -> int:
    """Tell the followers of a commitment about a new outcome check. Returns emails sent now."""
    return notifications.notify_outcome_check(outcome_check_id)


@shared_task
def send_daily_digests() -> int:
    """Daily: one email per user listing what changed on what they follow. Returns emails sent."""
    return notifications.send_daily_digests()


@shared_task
def check_evidence_link(link_id: int) -> bool:
    """Fetch one evidence link and record what was seen. Returns whether it answered."""
    fetched = link_checks.check_link(link_id)
    return bool(fetched and fetched.ok)


@shared_task
def check_evidence_links() -> int:
    """Nightly: give every evidence link a check row, then queue a check of each one due."""
    link_checks.ensure_links()
    due = link_checks.due_link_ids()
    for link_id in due:
        check_evidence_link.delay(link_id)
    return len(due)


@shared_task
def send_status_reminders(day: str | None = None) -> int:
    """Daily: remind editors of commitments without a status update for STATUS_REMINDER_MONTHS."""
    when = datetime.date.fromisoformat(day) if day else timezone.localdate()
    return reminders.send_status_reminders(when)


@shared_task
def refresh_search_words() -> None:
    """Nightly: rebuild the word list site search corrects typos to (PostgreSQL only)."""
    matching.refresh_word_list()
