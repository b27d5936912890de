"""The worker settings fit the engine: late acknowledgement, requeue on a lost worker, one task at a
time, time limits below the broker's visibility timeout, and a beat schedule of real tasks."""

from __future__ import annotations

from django.conf import settings

from ogptracker.celery import app


def test_tasks_are_acknowledged_late_and_requeued_when_a_worker_is_lost():
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1


def test_the_worker_waits_for_redis_at_start_and_never_stops_reconnecting():
    # The live behaviour is tests/resilience/test_worker_redis_loss.py; these are what keep it past the
    # 100 tries (about 45 minutes of backoff) after which Celery's default gives up and exits.
    assert app.conf.broker_connection_retry_on_startup is True
    assert app.conf.broker_connection_retry is True
    assert app.conf.broker_connection_max_retries is None


def test_time_limits_are_below_the_visibility_timeout():
    visibility = app.conf.broker_transport_options["visibility_timeout"]
    assert 0 < app.conf.task_soft_time_limit < app.conf.task_time_limit < visibility


def test_every_task_goes_to_the_one_queue_a_plain_worker_consumes():
    # docker-compose.yml's worker names no queue (-Q): a task routed elsewhere would never run.
    assert not app.conf.task_routes
    assert not app.conf.task_queues
    assert app.conf.task_default_queue == "celery"


def test_the_beat_schedule_names_registered_tasks():
    app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert {entry["task"] for entry in schedule.values()} == {
        "commitments.tasks.mark_overdue",
        "commitments.tasks.send_daily_digests",
        "commitments.tasks.check_evidence_links",
        "commitments.tasks.send_status_reminders",
        "commitments.tasks.refresh_search_words",
        "releases.tasks.make_data_release",
        "ogptracker.remove_stale_uploads",
    }
    for entry in schedule.values():
        assert entry["task"] in app.tasks
