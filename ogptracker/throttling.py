"""API rate limits with an atomic counter: one Redis key per client and time window, created with
`cache.add` (SET NX with expiry) and counted with `cache.incr` (INCR, atomic on the server). DRF's own
throttles read a list of timestamps, append and write it back: requests arriving together all read
the same list, and 148-160 got through against a limit of 120 (issue 13).

The window is fixed (the clock minute, hour...): at most `num_requests` in each window, so a client
can fit up to twice the rate across a window boundary, never more.

A cache outage fails open: while Redis cannot be reached the limit is not applied (and a warning is
logged), so readers keep reading the public data; the site keeps serving with Redis down
(tests/faults/test_redis_down.py), and nginx still bounds each connection. Counting starts again
when Redis returns.
"""

from __future__ import annotations

import logging
from typing import Any

from rest_framework import throttling

logger = logging.getLogger("ogptracker.security")


class AtomicRateMixin:
    """allow_request/wait for a SimpleRateThrottle, counted with INCR."""

    window_ends: float

    def allow_request(self, request: Any, view: Any) -> bool:
        if self.rate is None:
            return True
        ident_key = self.get_cache_key(request, view)
        if ident_key is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        self.window_ends = (window + 1) * self.duration
        key = f"{ident_key}:{window}"
        try:
            self.cache.add(key, 0, timeout=self.duration + 1)
            count = self.cache.incr(key)
        except ValueError:
            # The key expired between add and incr (the window just ended): this is its first.
            self.cache.add(key, 1, timeout=self.duration + 1)
            count = 1
        except Exception:
            count = None
        if count is None:
            # django-redis (IGNORE_EXCEPTIONS) answers None when Redis is down: fail open.
            logger.warning(
                "rate limit not applied: the cache cannot be reached scope=%s", self.scope
            )
            return True
        return count <= self.num_requests

    def wait(self) -> float:
        return max(0.0, self.window_ends - self.timer())


class AnonRateThrottle(AtomicRateMixin, throttling.AnonRateThrottle):
    """Anonymous clients, by address (REMOTE_ADDR, or behind NUM_PROXIES proxies)."""


class UserRateThrottle(AtomicRateMixin, throttling.UserRateThrottle):
    """Signed-in users and token clients, by user."""
