"""On-commit hooks and the tasks called directly."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from commitments import tasks
from commitments.models import Commitment, Milestone
from commitments.services import record_status_update
from reviews.services import publish_report
from tests.factories import (
    ActionPlanFactory,
    AssessmentFactory,
    CommitmentFactory,
    IRMReportFactory,
    MilestoneFactory,
    make_editor,
)

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2026, 1, 15)


@pytest.fixture
def monitored(editor):
    commitment = CommitmentFactory()
    commitment.monitoring_organizations.add(editor.profile.organization)
    return commitment


def report(editor, commitment, completion="limited"):
    return record_status_update(
        commitment=commitment, author=editor, completion=completion, as_of=AS_OF
    )


def test_status_update_queues_its_email_only_after_commit(
    editor, monitored, sent_notifications, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        update = report(editor, monitored)
        assert sent_notifications.calls == []  # not before the commit
    assert len(callbacks) == 1
    for callback in callbacks:
        callback()
    assert sent_notifications.calls == [((update.pk,), {})]


def test_a_rolled_back_update_queues_nothing(
    editor, monitored, sent_notifications, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        report(editor, monitored)
        raise RuntimeError("the request failed later")
    assert sent_notifications.calls == []


def test_publishing_an_irm_report_queues_its_email_after_commit(
    plan_admin, monkeypatch, django_capture_on_commit_callbacks
):
    from reviews import tasks as review_tasks

    sent_reports = []
    monkeypatch.setattr(review_tasks.notify_report_published, "delay", sent_reports.append)
    draft = IRMReportFactory(state="submitted")
    AssessmentFactory(report=draft, completion="complete")
    with django_capture_on_commit_callbacks(execute=True):
        publish_report(report=draft, user=plan_admin)
    assert sent_reports == [draft.pk]


def test_mark_overdue_marks_late_unmet_milestones_and_clears_met_ones():
    late = MilestoneFactory(due_date=datetime.date(2026, 1, 1))
    met = MilestoneFactory(due_date=datetime.date(2026, 1, 1), status="met", is_overdue=True)
    future = MilestoneFactory(due_date=datetime.date(2026, 6, 1))
    undated = MilestoneFactory(due_date=None)

    result = tasks.mark_overdue(day="2026-02-01")
    assert result["marked"] == 1 and result["cleared"] == 1
    overdue = set(Milestone.objects.filter(is_overdue=True).values_list("pk", flat=True))
    assert overdue == {late.pk}
    assert {met.pk, future.pk, undated.pk}.isdisjoint(overdue)
    # Safe to repeat: the second run the same day changes nothing.
    again = tasks.mark_overdue(day="2026-02-01")
    assert again["marked"] == 0 and again["cleared"] == 0


def test_commitments_of_an_ended_plan_without_a_final_status_are_flagged():
    plan = ActionPlanFactory(
        start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2022, 1, 1)
    )
    silent = CommitmentFactory(action_plan=plan)
    reported_mid_term = CommitmentFactory(
        action_plan=plan,
        self_reported_completion="limited",
        self_reported_as_of=datetime.date(2021, 1, 1),
    )
    reported_at_end = CommitmentFactory(
        action_plan=plan,
        self_reported_completion="complete",
        self_reported_as_of=datetime.date(2022, 1, 1),
    )
    running = CommitmentFactory(
        action_plan=ActionPlanFactory(end_date=datetime.date(2030, 1, 1), start_date=None)
    )
    flagged = set(Commitment.objects.ended_without_final_status(datetime.date(2026, 1, 1)))
    assert flagged == {silent, reported_mid_term}
    assert reported_at_end not in flagged and running not in flagged
    assert tasks.mark_overdue(day="2026-01-01")["ended_without_final_status"] == 2


def test_ended_without_final_status_is_one_rule_for_the_task_and_the_integrity_checks():
    """The commitment's own end date counts before its plan's; a final completion from either track
    is a final status whenever it was reported; a withdrawn plan asks for none."""
    plan = ActionPlanFactory(
        start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2030, 1, 1)
    )
    ended_early = CommitmentFactory(action_plan=plan, end_date=datetime.date(2022, 6, 1))
    CommitmentFactory(
        action_plan=plan,
        end_date=datetime.date(2022, 6, 1),
        self_reported_completion="complete",
        self_reported_as_of=datetime.date(2022, 1, 1),
    )
    CommitmentFactory(
        action_plan=plan, end_date=datetime.date(2022, 6, 1), irm_completion="withdrawn"
    )
    withdrawn_plan = ActionPlanFactory(
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2022, 1, 1),
        status="withdrawn",
    )
    CommitmentFactory(action_plan=withdrawn_plan)

    day = datetime.date(2026, 1, 1)
    assert list(Commitment.objects.ended_without_final_status(day)) == [ended_early]
    assert tasks.mark_overdue(day="2026-01-01")["ended_without_final_status"] == 1


def test_notify_task_for_a_missing_update_does_nothing(mailoutbox):
    assert tasks.notify_status_update(987654) == 0
    assert mailoutbox == []


def test_editors_of_other_organisations_get_nothing_queued(
    monitored, sent_notifications, django_capture_on_commit_callbacks
):
    outsider = make_editor()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        report(outsider, monitored)
    assert sent_notifications.calls == []


def test_a_milestone_due_today_is_not_flagged_overdue_by_the_task():
    today = timezone.localdate()
    due_today = MilestoneFactory(due_date=today)
    due_yesterday = MilestoneFactory(due_date=today - datetime.timedelta(days=1))

    tasks.mark_overdue()  # the nightly run: today by default
    flagged = set(Milestone.objects.filter(is_overdue=True).values_list("pk", flat=True))
    assert flagged == {due_yesterday.pk}
    assert due_today.pk not in flagged
