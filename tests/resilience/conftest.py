"""Fault injection: our own throwaway Redis on port 6391 (never the shared one on 6379)."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator

import pytest

from tests.conftest import REQUIRE_SERVICES

FAULT_REDIS_PORT = 6391
FAULT_REDIS_URL = f"redis://127.0.0.1:{FAULT_REDIS_PORT}"


class ThrowawayRedis:
    """A redis-server started for one test; `stop()` and `start()` simulate an outage."""

    def __init__(self, port: int) -> None:
        self.port = port

    def _cli(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["redis-cli", "-h", "127.0.0.1", "-p", str(self.port), *args],
            capture_output=True,
            text=True,
            timeout=10,
        )

    def is_up(self) -> bool:
        return self._cli("ping").stdout.strip() == "PONG"

    def start(self) -> None:
        subprocess.run(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "yes",
            ],
            check=True,
            capture_output=True,
            timeout=10,
        )
        for _ in range(50):
            if self.is_up():
                return
            time.sleep(0.1)
        raise RuntimeError(f"redis-server on port {self.port} did not start")

    def stop(self) -> None:
        # Only our own server on our own port.
        self._cli("shutdown", "nosave")
        for _ in range(50):
            if not self.is_up():
                return
            time.sleep(0.1)
        raise RuntimeError(f"redis-server on port {self.port} did not stop")


def throwaway_redis_on(port: int) -> Iterator[ThrowawayRedis]:
    """A fixture body: our own redis-server on `port`, stopped after the test. Skips without
    redis-server, except under OGP_REQUIRE_SERVICES=1 (CI), where that is a failure."""
    if shutil.which("redis-server") is None or shutil.which("redis-cli") is None:
        message = "redis-server is not installed: the Redis outage test needs it."
        if REQUIRE_SERVICES:
            pytest.fail(message)
        pytest.skip(message)
    server = ThrowawayRedis(port)
    if server.is_up():
        pytest.fail(f"Something already listens on port {port}; it is not ours.")
    server.start()
    try:
        yield server
    finally:
        if server.is_up():
            server.stop()


@pytest.fixture
def throwaway_redis() -> Iterator[ThrowawayRedis]:
    yield from throwaway_redis_on(FAULT_REDIS_PORT)
