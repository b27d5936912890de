"""On-commit hooks, the coalescing of recomputes, and the tasks called directly."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from commitments import tasks
from commitments.models import Commitment, CompletionSnapshot, Milestone, SnapshotRun
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


def test_status_update_queues_recompute_and_email_only_after_commit(
    editor, monitored, sent_recomputes, sent_notifications, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        update = report(editor, monitored)
        assert sent_recomputes.calls == []  # not before the commit
    assert len(callbacks) == 2
    for callback in callbacks:
        callback()
    assert sent_recomputes.calls == [((), {"countdown": 10})]
    assert sent_notifications.calls == [((update.pk,), {})]


def test_a_rolled_back_update_queues_nothing(
    editor, monitored, sent_recomputes, sent_notifications, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        report(editor, monitored)
        raise RuntimeError("the request failed later")
    assert sent_recomputes.calls == []
    assert sent_notifications.calls == []


def test_a_hundred_updates_in_a_burst_queue_one_recompute(
    editor, monitored, sent_recomputes, sent_notifications, django_capture_on_commit_callbacks
):
    for _ in range(100):
        with django_capture_on_commit_callbacks(execute=True):
            report(editor, monitored)
    assert len(sent_recomputes.calls) == 1
    assert len(sent_notifications.calls) == 100  # emails are per update, not coalesced

    # The queued recompute runs: it clears the flag, so the next update queues the next run.
    tasks.recompute_completion_snapshots()
    with django_capture_on_commit_callbacks(execute=True):
        report(editor, monitored, completion="complete")
    assert len(sent_recomputes.calls) == 2


def test_publishing_an_irm_report_queues_recompute_and_email_after_commit(
    plan_admin, sent_recomputes, monkeypatch, django_capture_on_commit_callbacks
):
    from reviews import tasks as review_tasks

    sent_reports = []
    monkeypatch.setattr(review_tasks.notify_report_published, "delay", sent_reports.append)
    draft = IRMReportFactory(state="submitted")
    AssessmentFactory(report=draft, completion="complete")
    with django_capture_on_commit_callbacks(execute=True):
        publish_report(report=draft, user=plan_admin)
    assert len(sent_recomputes.calls) == 1
    assert sent_reports == [draft.pk]


def test_recompute_task_called_directly_writes_todays_snapshot(monitored):
    rows = tasks.recompute_completion_snapshots()
    assert rows > 0
    assert SnapshotRun.objects.filter(row_count=rows).count() == 1
    # One row per track: government, civil society, IRM.
    assert CompletionSnapshot.objects.filter(grouping="all", group_key="all").count() == 3


def test_recompute_task_accepts_a_day():
    tasks.recompute_completion_snapshots(day="2026-02-01")
    assert SnapshotRun.objects.get().day == datetime.date(2026, 2, 1)


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
    monitored, sent_recomputes, django_capture_on_commit_callbacks
):
    outsider = make_editor()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        report(outsider, monitored)
    assert sent_recomputes.calls == []


def test_without_a_working_cache_every_change_queues_a_recompute(sent_recomputes, monkeypatch):
    from commitments.figures import snapshots

    # django-redis with IGNORE_EXCEPTIONS answers None when Redis is down.
    monkeypatch.setattr(snapshots.cache, "add", lambda *args, **kwargs: None)
    assert snapshots.request_recompute() is True
    assert snapshots.request_recompute() is True
    assert len(sent_recomputes.calls) == 2


def test_recompute_command_writes_a_snapshot_and_rejects_a_bad_day(monitored):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("recompute_snapshots", "--day", "2026-02-01", stdout=out)
    assert "Snapshot for 2026-02-01" in out.getvalue()
    assert SnapshotRun.objects.get().day == datetime.date(2026, 2, 1)
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("recompute_snapshots", "--day", "yesterday")


def test_a_milestone_due_today_is_not_flagged_overdue_by_the_task():
    today = timezone.localdate()
    due_today = MilestoneFactory(due_date=today)
    due_yesterday = MilestoneFactory(due_date=today - datetime.timedelta(days=1))

    tasks.mark_overdue()  # the nightly run: today by default
    flagged = set(Milestone.objects.filter(is_overdue=True).values_list("pk", flat=True))
    assert flagged == {due_yesterday.pk}
    assert due_today.pk not in flagged


def test_recompute_writes_todays_snapshot(client):
    CommitmentFactory(irm_completion="complete")
    today = timezone.localdate()
    out = io.StringIO()

    call_command("recompute_snapshots", stdout=out)
    assert f"Snapshot for {today.isoformat()}:" in out.getvalue()
    tasks.recompute_completion_snapshots()  # the beat task, same day: replaces, adds no day
    assert list(SnapshotRun.objects.values_list("day", flat=True).distinct()) == [today]
    assert set(CompletionSnapshot.objects.values_list("day", flat=True)) == {today}


def test_recomputing_a_past_day_reports_the_rows_written_and_those_replaced(monitored):
    day = datetime.date(2026, 2, 1)
    rows = tasks.recompute_completion_snapshots(day=day.isoformat())
    assert rows == CompletionSnapshot.objects.filter(day=day).count() > 0
    out = io.StringIO()
    call_command("recompute_snapshots", "--day", day.isoformat(), stdout=out)
    assert out.getvalue().strip() == f"Snapshot for {day}: {rows} rows ({rows} removed)."


def test_todays_snapshot_counts_the_levels_cached_on_each_commitment():
    # An imported commitment: its IRM level is cached on it, with no dated assessment behind it.
    CommitmentFactory(irm_completion="complete")
    tasks.recompute_completion_snapshots()
    irm = CompletionSnapshot.objects.get(
        day=timezone.localdate(), grouping="all", group_key="all", track="irm"
    )
    assert (irm.complete, irm.total) == (1, 1)


def test_a_second_request_within_the_countdown_says_one_is_already_queued(sent_recomputes):
    from commitments.figures import snapshots

    assert snapshots.request_recompute() is True
    assert snapshots.request_recompute() is False
    assert len(sent_recomputes.calls) == 1


def test_a_change_after_the_countdown_queues_again_even_if_the_queued_run_never_started(
    sent_recomputes, settings
):
    """The flag lives as long as the countdown: a lost task (a worker killed before it started)
    holds up the recomputes for that long, not for good."""
    import time

    from commitments.figures import snapshots

    settings.SNAPSHOT_COALESCE_SECONDS = 1
    assert snapshots.request_recompute() is True
    time.sleep(1.2)
    assert snapshots.request_recompute() is True
    assert len(sent_recomputes.calls) == 2
