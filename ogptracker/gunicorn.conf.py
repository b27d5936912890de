"""gunicorn's configuration, the one place it is set (Dockerfile and docker-compose.yml pass
`--config ogptracker/gunicorn.conf.py`; tests/deployment/test_serving_shape.py starts it the same way).

gunicorn sits behind nginx (deploy/nginx.conf), which reads each request whole before handing it on,
so a slow client costs nginx a connection, not a gunicorn thread. gunicorn's own settings are the
second line: threaded workers, so one stalled connection holds one thread, not a whole process, and
bounded request lines and headers (a longer request line is a 414). What gunicorn refuses itself,
before Django sees the request (414, 431, a malformed request line), is answered as JSON, like every
API error, whether or not nginx is in front (`when_ready` below).

Database connection budget: each thread may hold one PostgreSQL connection, so the web container
uses up to WEB_CONCURRENCY x WEB_THREADS connections (see DB_CONNECTION_BUDGET in settings.py and
the ogptracker.W010 check).
"""

from __future__ import annotations

import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Processes and threads per process: WEB_CONCURRENCY x WEB_THREADS requests at once.
workers = _int("WEB_CONCURRENCY", 3)
worker_class = "gthread"
threads = _int("WEB_THREADS", 4)
# A request that runs longer than this is killed (and its thread's worker restarted); uploads are
# read by nginx first, so a slow upload never counts against it.
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
keepalive = 5
# Request line (method, path and query) and headers: gunicorn's defaults, written down. A longer
# line is refused with 414 before Django sees it.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
# Restart each process after about a thousand requests, so a slow leak never grows for long.
max_requests = 1000
max_requests_jitter = 100
# Heartbeat files in memory, not on the container's overlay disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# No control socket: nothing here uses gunicornc, and two servers on one host would share its path.
control_socket_disable = True
accesslog = "-"


def _write_json_error(sock, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's own error answer, as JSON instead of its HTML page: it is written before the request
    is parsed, so the path (API or page) is not known, and JSON is what README promises the API."""
    import json

    from gunicorn import util

    body = json.dumps({"detail": reason, "status": status_int}).encode()
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode("latin-1")
    util.write_nonblock(sock, head + body)


def when_ready(server: object) -> None:
    """Once the arbiter is up, before it forks: gunicorn writes its pre-Django errors as JSON."""
    from gunicorn import util

    util.write_error = _write_json_error


def on_starting(server: object) -> None:
    """Before the first worker: remove upload files a crashed process left behind (the hourly beat
    task does the same while running)."""
    import sys

    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from ogptracker.uploads import remove_stale_uploads

    remove_stale_uploads()
