"""Real services for the integration tests: PostgreSQL, Redis and Celery worker processes.

The worker is a separate process, so it must see committed data in the same database the test uses:
tests here use `transactional_db`, and each worker gets DATABASE_URL pointing at pytest-django's test
database and the broker (and cache) the test process is configured with. Without PostgreSQL and a
broker the tests skip, saying why, unless OGP_REQUIRE_SERVICES=1 (CI), when they fail instead.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

from tests.conftest import REQUIRE_SERVICES

ROOT = Path(__file__).resolve().parent.parent.parent
CELERY = Path(sys.executable).with_name("celery")


def _missing_services() -> str | None:
    if not settings.CELERY_BROKER_URL:
        return "CELERY_BROKER_URL is not set (a Redis broker is needed)"
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return "DATABASE_URL does not point at PostgreSQL"
    return None


@pytest.fixture
def services() -> None:
    """Skip (or, with OGP_REQUIRE_SERVICES=1, fail) without PostgreSQL and a broker; fail if the
    configured Redis does not answer."""
    missing = _missing_services()
    if missing:
        message = f"Integration test needs PostgreSQL and Redis: {missing}."
        if REQUIRE_SERVICES:
            pytest.fail(message + " OGP_REQUIRE_SERVICES=1, so this is a failure.")
        pytest.skip(message)
    import redis

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        pytest.fail(f"The broker at {settings.CELERY_BROKER_URL} does not answer: {exc}")
    # Messages left by an earlier, interrupted run would be restored into this one: drop them.
    client.delete("celery", "unacked", "unacked_index")


def worker_database_url() -> str:
    from django.db import connection

    db = connection.settings_dict  # the test database, once pytest-django has made it
    auth = quote(db["USER"] or "postgres")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """A `celery -A ogptracker worker` process in its own process group, its log in a file."""

    def __init__(self, log_dir: Path, extra_env: dict[str, str]) -> None:
        self.name = f"engine-test-{uuid.uuid4().hex[:8]}"
        self.log_path = log_dir / f"{self.name}.log"
        env = {
            **os.environ,
            "DATABASE_URL": worker_database_url(),
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            # Production settings plus the test-only knobs (TEST_* in extra_env).
            "DJANGO_SETTINGS_MODULE": "tests.worker_settings",
            "PYTHONUNBUFFERED": "1",
            **extra_env,
        }
        if os.environ.get("CACHE_URL"):
            env["CACHE_URL"] = os.environ["CACHE_URL"]
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [
                str(CELERY),
                "-A",
                "ogptracker",
                "worker",
                "--loglevel=INFO",
                "--concurrency=1",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                f"--hostname={self.name}@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: a kill takes the pool children too
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_for_log(self, text: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.log():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError(f"Worker log never said {text!r} in {timeout}s:\n{self.log()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL the worker and its pool: no shutdown, no acknowledgement, like a lost machine."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        self._log.close()


@pytest.fixture
def start_worker(services, tmp_path) -> Iterator[Callable[..., Worker]]:
    """Start workers; every one is stopped (or killed) when the test ends, whatever happens."""
    workers: list[Worker] = []

    def start(**extra_env: str) -> Worker:
        worker = Worker(tmp_path, extra_env)
        workers.append(worker)
        worker.wait_for_log("ready.", timeout=60)
        return worker

    try:
        yield start
    finally:
        for worker in workers:
            worker.stop()
        # Close this process's connections too, so the test database can be dropped.
        from django.db import connections

        connections.close_all()


def wait_until(predicate: Callable[[], object], timeout: float, what: str) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = predicate()
        if result:
            return result
        time.sleep(0.25)
    raise AssertionError(f"Timed out after {timeout}s waiting for {what}")
