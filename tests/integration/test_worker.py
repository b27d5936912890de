"""A real Celery worker against Redis and PostgreSQL: the figures follow the reports, and a worker
killed half-way through a recompute loses nothing."""

from __future__ import annotations

import time

import pytest
from django.utils import timezone

from commitments.figures import snapshots
from commitments.models import Commitment, CompletionSnapshot, SnapshotRun
from commitments.tasks import recompute_completion_snapshots
from tests.factories import ActionPlanFactory, CommitmentFactory, make_editor
from tests.figures.snapshot_reading import snapshot_as_of

from .conftest import wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ROW_FIELDS = [
    "day",
    "grouping",
    "group_key",
    "group_label",
    "track",
    "no_data",
    "no_evidence",
    "not_started",
    "limited",
    "substantial",
    "complete",
    "withdrawn",
    "unclear",
    "total",
]


def snapshot_rows() -> list[tuple]:
    return list(CompletionSnapshot.objects.order_by(*ROW_FIELDS[:5]).values_list(*ROW_FIELDS))


def plan_self_reported(ogp_id: str) -> dict:
    [point] = snapshot_as_of(timezone.localdate(), "action_plan", key=ogp_id)
    return point.figures.as_dict()["self_reported"]


def test_a_status_update_posted_on_the_web_moves_the_snapshot_within_seconds(
    start_worker, client, settings
):
    settings.SNAPSHOT_COALESCE_SECONDS = 1
    editor = make_editor()
    plan = ActionPlanFactory()
    commitment = CommitmentFactory(action_plan=plan)
    commitment.monitoring_organizations.add(editor.profile.organization)
    snapshots.recompute_snapshots()
    assert plan_self_reported(plan.ogp_id)["complete"] == 0
    start_worker()

    client.force_login(editor)
    response = client.post(
        f"/commitments/{commitment.ogp_id}/report/",
        {
            "completion": "complete",
            "note": "Portal live",
            "as_of": timezone.localdate().isoformat(),
            "links": "https://example.org/evidence",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    wait_until(
        lambda: plan_self_reported(plan.ogp_id)["complete"] == 1,
        timeout=40,
        what="the worker to recompute the snapshot after the status update",
    )
    assert plan_self_reported(plan.ogp_id)["no_data"] == 0


# The recompute pauses this long after each of its six groupings (tests/worker_settings.py), so it runs
# about six seconds: long enough to be killed half-way, well inside the soft time limit.
PAUSE_MS = 1000
# Short, so the killed worker's unacknowledged message comes back in seconds, not an hour; the
# time limits derived from it (10 s soft, 15 s hard) stay above the slowed recompute.
VISIBILITY_TIMEOUT = 30


def test_a_worker_killed_mid_recompute_leaves_the_old_snapshot_and_the_next_worker_converges(
    start_worker,
):
    plans = [ActionPlanFactory() for _ in range(5)]
    for n, plan in enumerate(plans):
        CommitmentFactory.create_batch(20, action_plan=plan, irm_completion="limited" if n else "")
    snapshots.recompute_snapshots()
    before = snapshot_rows()
    before_run = SnapshotRun.objects.get()
    Commitment.objects.update(irm_completion="complete")  # the next run must change every plan

    env = {
        "TEST_SNAPSHOT_RECOMPUTE_PAUSE_MS": str(PAUSE_MS),
        "TEST_CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
    }
    first = start_worker(**env)
    recompute_completion_snapshots.apply_async()
    first.wait_for_log("recompute_completion_snapshots", timeout=15)
    received_at = time.monotonic()
    time.sleep(2.5 * PAUSE_MS / 1000)  # two or three groupings written, not committed
    assert "succeeded" not in first.log(), "the recompute finished before it could be killed"
    first.kill()

    # The killed run's transaction rolled back: the old snapshot stands, untouched.
    assert snapshot_rows() == before
    assert SnapshotRun.objects.get().computed_at == before_run.computed_at

    # The message was never acknowledged: once the visibility timeout passes, the next worker gets
    # it back from the broker and runs it to the end.
    time.sleep(max(0.0, VISIBILITY_TIMEOUT + 1 - (time.monotonic() - received_at)))
    start_worker(TEST_CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT))
    wait_until(
        lambda: SnapshotRun.objects.get().computed_at > before_run.computed_at,
        timeout=60,
        what="the second worker to finish the requeued recompute",
    )
    converged = snapshot_rows()
    assert converged != before

    # The same rows a clean run gives.
    snapshots.recompute_snapshots()
    assert snapshot_rows() == converged
    assert {row[0] for row in converged} == {timezone.localdate()}
