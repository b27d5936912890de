"""A Celery worker keeps running when Redis goes away while it holds a task, and takes new work once
Redis is back (issue 13, item 8: it used to exit in two tries out of three).

Our own throwaway Redis on port 6390 is the broker (never the shared one); the worker is a real
`celery -A ogptracker worker` process with the production worker options of docker-compose.yml.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from celery import Celery

from tests.resilience.conftest import ThrowawayRedis, throwaway_redis_on

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")
PORT = 6390
BROKER = f"redis://127.0.0.1:{PORT}/0"


@pytest.fixture
def broker() -> Iterator[ThrowawayRedis]:
    yield from throwaway_redis_on(PORT)


class Worker:
    def __init__(self, tmp_path: Path) -> None:
        self.log_path = tmp_path / "worker.log"
        env = {
            **{k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "DATABASE_URL"}},
            "CELERY_BROKER_URL": BROKER,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
            "PYTHONUNBUFFERED": "1",
        }
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [
                str(CELERY),
                "-A",
                "ogptracker",
                "worker",
                "--loglevel=INFO",
                "--concurrency=1",
                "--without-mingle",
                "--without-gossip",
                "--include=tests.resilience.worker_tasks",
                "--hostname=redis-loss@%h",
            ],
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.alive():
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self._log.close()


def _wait_for(path: Path, worker: Worker, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            return
        time.sleep(0.1)
    raise AssertionError(
        f"{path.name} never appeared in {timeout}s (worker alive: {worker.alive()}):\n"
        + worker.log()[-4000:]
    )


def _send_hold(folder: Path, name: str, seconds: float) -> None:
    """Queue tests.hold on our Redis from a fresh producer (its connection is new each time)."""
    producer = Celery("producer", broker=BROKER)
    try:
        producer.send_task("tests.hold", args=[str(folder), name, seconds], queue="celery")
    finally:
        producer.close()


def test_the_worker_survives_redis_going_away_while_it_holds_a_task(broker, tmp_path, monkeypatch):
    # Celery reads CELERY_BROKER_URL from the environment before its configuration (CI sets it to
    # the shared Redis): the producer must send to ours.
    monkeypatch.setenv("CELERY_BROKER_URL", BROKER)
    # Started while Redis is still away (a host reboot, compose starting things in any order): it
    # waits for Redis instead of exiting.
    broker.stop()
    worker = Worker(tmp_path)
    try:
        time.sleep(4)
        assert worker.alive(), f"the worker exited without Redis:\n{worker.log()[-4000:]}"
        broker.start()
        deadline = time.monotonic() + 60
        while "ready." not in worker.log():
            assert worker.alive() and time.monotonic() < deadline, worker.log()[-4000:]
            time.sleep(0.2)

        for attempt in range(3):
            # A task that is running (received, not acknowledged) when Redis stops.
            _send_hold(tmp_path, f"held{attempt}", 3)
            _wait_for(tmp_path / f"held{attempt}.started", worker, timeout=20)
            broker.stop()
            time.sleep(2)
            assert worker.alive(), f"the worker exited (try {attempt + 1}):\n{worker.log()[-4000:]}"
            broker.start()

            # Still alive, and it takes new work from the new Redis.
            _send_hold(tmp_path, f"after{attempt}", 0)
            _wait_for(tmp_path / f"after{attempt}.done", worker, timeout=30)
            assert worker.alive()
        # Each held task ran to its end even though its broker vanished under it.
        for attempt in range(3):
            assert (tmp_path / f"held{attempt}.done").exists()
    finally:
        worker.stop()
