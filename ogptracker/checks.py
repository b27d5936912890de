"""System checks that stop a production start (DEBUG off) that would be unsafe under load.

An in-process cache keeps throttle counters and login lockouts per worker process: a script could
spread its requests over the workers and never be throttled, a password guesser never locked out.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, Warning, register

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register()
def production_shared_cache(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    if settings.DEBUG:
        return []
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in PER_PROCESS_CACHES:
        return [
            Error(
                f"Production (DEBUG off) runs with an in-process cache ({backend}).",
                hint="Set CACHE_URL to a Redis database: throttles and login lockouts must be "
                "shared by every worker.",
                id="ogptracker.E001",
            )
        ]
    return []


@register()
def production_rate_limits(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    if settings.DEBUG:
        return []
    errors = []
    rest = getattr(settings, "REST_FRAMEWORK", {})
    classes = rest.get("DEFAULT_THROTTLE_CLASSES") or []
    rates = rest.get("DEFAULT_THROTTLE_RATES") or {}
    scopes = {"ogptracker.throttling.AnonRateThrottle": "anon"}
    scopes["ogptracker.throttling.UserRateThrottle"] = "user"
    missing = [
        scope for path, scope in scopes.items() if path not in classes or not rates.get(scope)
    ]
    if missing:
        errors.append(
            Error(
                "Production (DEBUG off) runs without API rate limits for: "
                + ", ".join(missing)
                + ".",
                hint="Keep AnonRateThrottle and UserRateThrottle in "
                "REST_FRAMEWORK['DEFAULT_THROTTLE_CLASSES'] with API_ANON_RATE and API_USER_RATE set.",
                id="ogptracker.E002",
            )
        )
    if not getattr(settings, "AXES_ENABLED", False) or not getattr(
        settings, "AXES_FAILURE_LIMIT", 0
    ):
        errors.append(
            Error(
                "Production (DEBUG off) runs without login lockouts (django-axes is disabled).",
                hint="Unset AXES_ENABLED (or set it to 1) and keep LOGIN_FAILURE_LIMIT.",
                id="ogptracker.E003",
            )
        )
    return errors


@register()
def production_broker(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Without a broker every task runs inside the web request that queued it, and its errors are
    swallowed (CELERY_TASK_EAGER_PROPAGATES is off): fine on a laptop, never in production."""
    if settings.DEBUG or not getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
        return []
    return [
        Error(
            "Production (DEBUG off) runs background tasks inside web requests (no broker).",
            hint="Set CELERY_BROKER_URL to a Redis database and run a worker and beat.",
            id="ogptracker.E004",
        )
    ]


# Connections PostgreSQL keeps for superusers (superuser_reserved_connections), and room left for
# one-off processes: migrate, a management shell, a backup, the container health checks.
SUPERUSER_RESERVED = 3
ONE_OFF_ROOM = 5


def connection_budget() -> dict[str, int]:
    """The most database connections the deployment can hold at once, by part, against the
    server's limit: each gunicorn thread, each worker process and beat may hold one."""
    web = settings.WEB_CONCURRENCY * settings.WEB_THREADS
    workers = settings.WORKER_REPLICAS * settings.WORKER_CONCURRENCY
    budget = {"web": web, "workers": workers, "beat": 1, "one_off": ONE_OFF_ROOM}
    budget["total"] = sum(budget.values())
    budget["available"] = settings.DB_MAX_CONNECTIONS - SUPERUSER_RESERVED
    return budget


@register()
def database_connection_budget(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    budget = connection_budget()
    if budget["total"] <= budget["available"]:
        return []
    return [
        Warning(
            "The database connection budget is over the server's limit: "
            f"{budget['web']} web (WEB_CONCURRENCY x WEB_THREADS) + {budget['workers']} worker "
            f"(WORKER_REPLICAS x WORKER_CONCURRENCY) + 1 beat + {ONE_OFF_ROOM} one-off = "
            f"{budget['total']}, but DB_MAX_CONNECTIONS {settings.DB_MAX_CONNECTIONS} leaves "
            f"{budget['available']}.",
            hint="Lower the processes or threads, or raise max_connections on the server and "
            "DB_MAX_CONNECTIONS with it; past the limit, requests are answered 503.",
            id="ogptracker.W010",
        )
    ]


@register()
def production_trusted_proxies(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """Behind a proxy (BEHIND_PROXY, as with nginx in docker-compose.yml) every request arrives from
    the proxy's address: with NUM_PROXIES 0 all clients would share one throttle counter and one
    login-lockout address, so one client over the limit would lock everybody out."""
    if settings.DEBUG or not getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        return []
    if getattr(settings, "NUM_PROXIES", 0) > 0:
        return []
    return [
        Error(
            "Production (DEBUG off) runs behind a proxy (BEHIND_PROXY) but trusts none "
            "(NUM_PROXIES is 0): every client would have the proxy's address.",
            hint="Set NUM_PROXIES to the number of proxies that append to X-Forwarded-For "
            "(1 for the nginx of docker-compose.yml).",
            id="ogptracker.E005",
        )
    ]
