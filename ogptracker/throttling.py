"""API rate limits with an atomic counter: one Redis key per client and time window, created with
`cache.add` (SET NX with expiry) and counted with `cache.incr` (INCR, atomic on the server). DRF's own
throttles read a list of timestamps, append and write it back: requests arriving together all read
the same list, and 148-160 got through against a limit of 120 (issue 13).

The window slides: a request is served when this window's count plus the previous window's count,
weighted by how much of the previous window still lies within the last `duration` seconds, stays
within `num_requests` (the "sliding window counter" of nginx/Cloudflare). A fixed window let a
client fit twice the rate across a boundary (30 at 23:59:59, 30 more at 00:00:00); this one does
not. A refused request is taken off the count again, so the count is what was served.

A cache outage fails open: while Redis cannot be reached the limit is not applied (and a warning is
logged), so readers keep reading the public data; the site keeps serving with Redis down
(tests/resilience/test_redis_down.py), and nginx still bounds each connection. Counting starts again
when Redis returns.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any

from rest_framework import throttling

logger = logging.getLogger("ogptracker.security")


class AtomicRateMixin:
    """allow_request/wait for a SimpleRateThrottle, counted with INCR."""

    window_ends: float
    elapsed: float
    counts: tuple[int, int]

    def allow_request(self, request: Any, view: Any) -> bool:
        if self.rate is None:
            return True
        ident_key = self.get_cache_key(request, view)
        if ident_key is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        self.window_ends = (window + 1) * self.duration
        self.elapsed = (now - window * self.duration) / self.duration
        key = f"{ident_key}:{window}"
        try:
            self.cache.add(key, 0, timeout=2 * self.duration + 1)
            count = self.cache.incr(key)
            previous = self.cache.get(f"{ident_key}:{window - 1}", 0)
        except ValueError:
            # The key expired between add and incr (the window just ended): this is its first.
            self.cache.add(key, 1, timeout=2 * self.duration + 1)
            count, previous = 1, 0
        except Exception:
            count = previous = None
        if count is None or previous is None:
            # django-redis (IGNORE_EXCEPTIONS) answers None when Redis is down: fail open.
            logger.warning(
                "rate limit not applied: the cache cannot be reached scope=%s", self.scope
            )
            return True
        self.counts = (previous, count - 1)
        if previous * (1 - self.elapsed) + count <= self.num_requests:
            return True
        # If this fails the count stays one high: it only refuses sooner, never serves more.
        with contextlib.suppress(Exception):
            self.cache.decr(key)
        return False

    def wait(self) -> float:
        """Seconds until one more request would be served (the weighted count has decayed)."""
        previous, current = self.counts
        room = self.num_requests - current - 1
        if room >= 0 and previous:
            # Within this window, once the previous window's weight has fallen to `room`.
            fraction = 1 - room / previous
            return max(0.0, (fraction - self.elapsed) * self.duration)
        # Next window: this window's count becomes the weighted one.
        until_next = self.window_ends - self.timer()
        fraction = max(0.0, 1 - (self.num_requests - 1) / current) if current else 0.0
        return max(0.0, until_next + fraction * self.duration)


class AnonRateThrottle(AtomicRateMixin, throttling.AnonRateThrottle):
    """Anonymous clients, by address (REMOTE_ADDR, or behind NUM_PROXIES proxies)."""


class UserRateThrottle(AtomicRateMixin, throttling.UserRateThrottle):
    """Signed-in users and token clients, by user."""
