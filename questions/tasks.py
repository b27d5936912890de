"""Thin tasks: take an id, call one domain function, safe to run twice."""

from __future__ import annotations

from celery import shared_task

from . import notifications


@shared_task
def notify_question(question_id: int) -> int:
    """Tell the followers of a commitment about a new public question. Returns emails sent."""
    return notifications.notify_question(question_id)


@shared_task
def notify_answer(answer_id: int) -> int:
    """Tell the followers and the asker about an official answer. Returns emails sent."""
    return notifications.notify_answer(answer_id)
