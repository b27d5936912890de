"""Tasks for the worker-survives-Redis test only (tests/resilience/test_worker_redis_loss.py): they touch
files, never the database, so the test needs nothing but a worker and its own Redis. The worker
imports this module with `--include tests.resilience.worker_tasks`."""

from __future__ import annotations

import time
from pathlib import Path

from celery import shared_task


@shared_task(name="tests.hold")
def hold(folder: str, name: str, seconds: float) -> str:
    """Runs `seconds`, leaving <name>.started and then <name>.done in `folder`."""
    Path(folder, f"{name}.started").touch()
    time.sleep(seconds)
    Path(folder, f"{name}.done").touch()
    return name
