"""With Redis (cache and broker) stopped, the site keeps serving and status updates are saved."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

import pytest
import redis
from kombu import pools as kombu_pools

from commitments.models import StatusUpdate
from ogptracker.celery import app as celery_app
from tests.resilience.conftest import FAULT_REDIS_URL

pytestmark = pytest.mark.integration


@pytest.fixture
def redis_backed(settings, throwaway_redis, monkeypatch) -> Iterator[None]:
    """Cache and Celery broker on our throwaway Redis, as in production (tasks sent, not run)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"{FAULT_REDIS_URL}/0",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    saved = {
        key: celery_app.conf[key]
        for key in ("broker_url", "task_always_eager", "broker_connection_timeout")
    }
    # Celery reads CELERY_BROKER_URL from the environment before its configuration (CI sets it).
    monkeypatch.setenv("CELERY_BROKER_URL", f"{FAULT_REDIS_URL}/1")
    celery_app.conf.update(
        broker_url=f"{FAULT_REDIS_URL}/1", task_always_eager=False, broker_connection_timeout=1
    )
    _reset_celery_pool()
    try:
        yield
    finally:
        celery_app.conf.update(saved)
        _reset_celery_pool()


def _reset_celery_pool() -> None:
    # The producer pool keeps connections to the old broker; the next send makes a new one.
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
        celery_app._pool = None
    celery_app.amqp._producer_pool = None
    kombu_pools.reset()


def _post_update(client, commitment, completion: str):
    return client.post(
        f"/api/v1/commitments/{commitment.ogp_id}/status-updates/",
        {"completion": completion, "as_of": "2013-05-01", "links": ["https://example.org"]},
        content_type="application/json",
    )


@pytest.mark.django_db
def test_site_serves_and_status_updates_are_saved_while_redis_is_down(
    client, redis_backed, throwaway_redis, monitored, caplog, django_capture_on_commit_callbacks
):
    commitment, editor = monitored
    throwaway_redis.stop()
    caplog.set_level(logging.WARNING)

    for path in ("/", f"/commitments/{commitment.ogp_id}/", "/api/v1/commitments/"):
        assert client.get(path).status_code == 200, path

    client.force_login(editor)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post_update(client, commitment, "limited")

    assert response.status_code == 201, response.content
    assert time.monotonic() - started < 15  # refused connections, no long hang
    assert StatusUpdate.objects.filter(commitment=commitment).count() == 1
    commitment.refresh_from_db()
    assert commitment.self_reported_completion == "limited"
    # The lost messages are logged, not raised.
    assert any("on_commit" in r.getMessage() for r in caplog.records if r.levelname == "ERROR"), [
        (r.name, r.levelname, r.getMessage()[:120]) for r in caplog.records
    ]

    # Redis returns: the next write's messages (its email, its evidence link's check) are queued.
    throwaway_redis.start()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post_update(client, commitment, "complete")
    assert response.status_code == 201
    assert StatusUpdate.objects.filter(commitment=commitment).count() == 2
    queued = redis.Redis.from_url(f"{FAULT_REDIS_URL}/1")
    assert queued.llen("celery") == 2
