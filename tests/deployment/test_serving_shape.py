"""The production serving shape: gunicorn with its one config file survives slow clients, and the
nginx in front of it (deploy/nginx.conf) is a valid configuration that buffers, limits and times out.

gunicorn runs for real here (a subprocess on a free port with ogptracker/gunicorn.conf.py); nginx's
configuration is checked with `nginx -t`. No Docker engine is needed.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REQUIRE_SERVICES

# Answers are timed (a GET within 5 s while slow clients hold connections), so these run in
# `make test`'s one-process step, never beside an xdist worker. On a machine loaded by other work
# (load 8 on 2 cores) the slow-client test can still time out, in one process too.
pytestmark = pytest.mark.serial

ROOT = Path(__file__).resolve().parents[2]
GUNICORN_CONF = ROOT / "ogptracker" / "gunicorn.conf.py"
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
GUNICORN = Path(sys.executable).with_name("gunicorn")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(port: int, path: str, timeout: float) -> tuple[int, bytes, float]:
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        return response.status, response.read(), time.monotonic() - started
    finally:
        connection.close()


class Gunicorn:
    """gunicorn started the way the web container starts it, on a free local port."""

    def __init__(self, tmp_path: Path, **env: str) -> None:
        self.port = _free_port()
        self.log_path = tmp_path / "gunicorn.log"
        environment = {
            **{k: v for k, v in os.environ.items() if k not in {"CACHE_URL", "CELERY_BROKER_URL"}},
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "PYTHONUNBUFFERED": "1",
            **env,
        }
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [str(GUNICORN), "ogptracker.wsgi:application", "--config", str(GUNICORN_CONF)],
            cwd=ROOT,
            env=environment,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def wait_until_serving(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if _get(self.port, "/api/", timeout=2)[0] == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"gunicorn never answered on port {self.port}:\n{self.log()[-3000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, 15)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait(timeout=10)
        self._log.close()


@pytest.fixture
def gunicorn(tmp_path) -> Iterator[Gunicorn]:
    # Two processes keep the test light on a small machine; threads come from the config file.
    server = Gunicorn(tmp_path, WEB_CONCURRENCY="2")
    try:
        server.wait_until_serving()
        yield server
    finally:
        server.stop()


def _dribbler(port: int) -> socket.socket:
    """A client that starts a request and then sends one header line now and then, never ending it."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    sock.sendall(b"GET /api/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    return sock


def _gunicorn_setting(name: str):
    """A setting as ogptracker/gunicorn.conf.py gives it in this environment."""
    namespace: dict = {"__file__": str(GUNICORN_CONF)}
    exec(compile(GUNICORN_CONF.read_text(), str(GUNICORN_CONF), "exec"), namespace)
    return namespace[name]


def test_gunicorn_config_is_threaded_and_bounds_request_lines():
    from gunicorn.config import Config

    config = Config()
    for name in ("worker_class", "threads", "timeout", "limit_request_line", "keepalive"):
        config.set(name, _gunicorn_setting(name))
    assert config.worker_class_str == "gthread"
    assert config.threads >= 4
    assert config.limit_request_line == 4094
    assert 30 <= config.timeout <= 120


def test_slow_clients_do_not_stop_the_site_from_answering(gunicorn):
    """The issue's attack: connections each sending a header line every second, never finishing.
    With the sync workers of before, the GET below waited for the arbiter to kill a worker (30 s);
    with threaded workers it is answered while the slow clients are still connected. The bound is 10 s,
    a third of the 30 s a sync worker makes it wait, not "at once": on a loaded 2-core machine a cold
    answer alone has taken over 2 s, so each worker answers once before the slow clients connect.

    One stalled connection holds one thread, so there is one slow client fewer than a worker has
    threads. The kernel does not spread connections evenly over the workers: one worker may accept all
    of them, and the GET too. With as many slow clients as threads, that worker had none left and the
    GET waited behind them (CI, 6 December 2026: timed out at 10 s, about one run in three here)."""
    threads = _gunicorn_setting("threads")
    assert threads >= 2
    for _ in range(4):
        assert _get(gunicorn.port, "/api/", timeout=30)[0] == 200
    slow = [_dribbler(gunicorn.port) for _ in range(threads - 1)]
    try:
        answered = []
        for round_ in range(6):
            time.sleep(1)
            for n, sock in enumerate(slow):
                sock.sendall(f"X-Slow-{round_}-{n}: still here\r\n".encode())
            status, body, seconds = _get(gunicorn.port, "/api/", timeout=10)
            assert status == 200, body[:500]
            answered.append(seconds)
        assert max(answered) < 10, answered
        # The slow clients were never cut off meanwhile: they are still holding their threads.
        for sock in slow:
            sock.sendall(b"X-Last: one more\r\n")
    finally:
        for sock in slow:
            sock.close()
    assert gunicorn.process.poll() is None, gunicorn.log()[-3000:]
    assert "WORKER TIMEOUT" not in gunicorn.log()


def test_a_request_line_over_the_limit_is_refused_by_gunicorn_with_a_json_414(gunicorn):
    status, body, _ = _get(gunicorn.port, "/api/v1/commitments/?q=" + "x" * 5000, timeout=5)
    # gunicorn answers this itself, before Django: as JSON even without nginx in front.
    assert status == 414
    assert json.loads(body) == {"detail": "URI Too Long", "status": 414}


# --- nginx ------------------------------------------------------------------------------------


def _nginx_conf_text() -> str:
    return NGINX_CONF.read_text()


def _directive(name: str) -> list[str]:
    return re.findall(rf"^\s*{name}\s+([^;]+);", _nginx_conf_text(), flags=re.MULTILINE)


def test_nginx_config_buffers_limits_and_times_out_slow_clients():
    text = _nginx_conf_text()
    assert _directive("client_max_body_size"), "no body-size limit"
    assert _directive("client_body_timeout") and _directive("client_header_timeout")
    assert _directive("send_timeout")
    assert "proxy_request_buffering on" in text and "proxy_buffering on" in text
    assert re.search(r"location /static/\s*\{[^}]*alias /app/staticfiles/", text)
    # Evidence files are never served from disk: the app checks who may read them.
    assert "location /media/" in text and "return 404" in text
    # The body limit matches the app's own (REQUEST_MAX_BYTES, 10 evidence files and 1 MiB).
    from django.conf import settings

    [limit] = _directive("client_max_body_size")
    assert int(limit.rstrip("m")) * 1024 * 1024 >= settings.REQUEST_MAX_BYTES


def _nginx_binary() -> str:
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/local/sbin")
    if nginx is None:
        message = "nginx is not installed (apt-get install nginx-light): the config is not checked."
        if REQUIRE_SERVICES:
            pytest.fail(message)
        pytest.skip(message)
    return nginx


def _local_nginx_conf(tmp_path: Path, *, upstream_port: int, listen_port: int) -> Path:
    """deploy/nginx.conf with the container's names and paths replaced by local ones."""
    (tmp_path / "cache").mkdir(exist_ok=True)
    (tmp_path / "static" / "css").mkdir(parents=True, exist_ok=True)
    (tmp_path / "static" / "css" / "site.css").write_text("body { margin: 0; }\n")
    text = (
        _nginx_conf_text()
        .replace("server web:8000", f"server 127.0.0.1:{upstream_port}")
        .replace("listen 80 default_server", f"listen 127.0.0.1:{listen_port} default_server")
        .replace("/app/staticfiles/", f"{tmp_path}/static/")
        .replace("/var/cache/nginx", str(tmp_path / "cache"))
        .replace("/var/run/nginx.pid", str(tmp_path / "nginx.pid"))
        .replace("/dev/stderr", str(tmp_path / "error.log"))
        .replace("/dev/stdout", str(tmp_path / "access.log"))
    )
    if os.geteuid() == 0:
        # nginx's workers would otherwise run as nobody, who cannot read pytest's private tmp_path.
        text = "user root;\n" + text
    conf = tmp_path / "nginx.conf"
    conf.write_text(text)
    return conf


def _nginx(nginx: str, tmp_path: Path, conf: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [nginx, "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(conf), *args],
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_nginx_config_is_valid(tmp_path):
    nginx = _nginx_binary()
    conf = _local_nginx_conf(tmp_path, upstream_port=8000, listen_port=_free_port())
    result = _nginx(nginx, tmp_path, conf, "-t", "-q")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def nginx_in_front(gunicorn, tmp_path) -> Iterator[int]:
    """A real nginx with deploy/nginx.conf on a free port, in front of the test's gunicorn."""
    nginx = _nginx_binary()
    port = _free_port()
    conf = _local_nginx_conf(tmp_path, upstream_port=gunicorn.port, listen_port=port)
    result = _nginx(nginx, tmp_path, conf)
    assert result.returncode == 0, result.stdout + result.stderr
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                _get(port, "/static/css/site.css", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        _nginx(nginx, tmp_path, conf, "-s", "stop")


def test_behind_nginx_an_api_request_while_gunicorn_is_down_is_a_json_503(nginx_in_front, gunicorn):
    gunicorn.stop()
    started = time.monotonic()
    status, body, _ = _get(nginx_in_front, "/api/v1/commitments/", timeout=10)
    assert status == 503 and json.loads(body)["detail"]
    assert time.monotonic() - started < 6  # proxy_connect_timeout 5s at most


def test_behind_nginx_many_slow_clients_cost_gunicorn_nothing(nginx_in_front, gunicorn):
    """Twenty dribbling clients, more than gunicorn has threads (2 x 4): nginx holds them all, and
    a normal request still goes through (within 10 s, a third of gunicorn's 30 s; see above)."""
    for _ in range(4):
        assert _get(nginx_in_front, "/api/", timeout=30)[0] == 200
    slow = [_dribbler(nginx_in_front) for _ in range(20)]
    try:
        for round_ in range(3):
            time.sleep(1)
            for n, sock in enumerate(slow):
                sock.sendall(f"X-Slow-{round_}-{n}: still here\r\n".encode())
            status, body, seconds = _get(nginx_in_front, "/api/", timeout=10)
            assert status == 200, body[:500]
            assert seconds < 10
    finally:
        for sock in slow:
            sock.close()
    # gunicorn never saw the unfinished requests: its access log has only the finished ones.
    assert "X-Slow" not in gunicorn.log()


def test_behind_nginx_a_slow_honest_upload_gets_its_answer(nginx_in_front, gunicorn):
    """A body sent over six seconds in small pieces (a poor connection) is read by nginx and handed
    to the app whole: the answer is the app's own (a JSON 401: no credentials), not a timeout."""
    body = b'{"completion": "limited", "note": "' + b"x" * 300_000 + b'"}'
    with socket.create_connection(("127.0.0.1", nginx_in_front), timeout=15) as sock:
        sock.sendall(
            b"POST /api/v1/commitments/PE0001/status-updates/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nConnection: close\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode()
        )
        pieces = 12
        size = len(body) // pieces + 1
        for n in range(pieces):
            sock.sendall(body[n * size : (n + 1) * size])
            time.sleep(0.5)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, payload = answer.decode().partition("\r\n\r\n")
    assert head.split()[1] in {"401", "403"}, head
    assert json.loads(payload)["detail"]


def test_behind_nginx_api_errors_before_django_are_json(nginx_in_front):
    # 4094 < line < 8 KiB: nginx passes it, gunicorn refuses it, nginx answers JSON.
    status, body, _ = _get(nginx_in_front, "/api/v1/commitments/?q=" + "x" * 5000, timeout=5)
    assert status == 414
    assert json.loads(body)["detail"]
    # A body over nginx's limit, refused from its Content-Length before a byte of it is read.
    with socket.create_connection(("127.0.0.1", nginx_in_front), timeout=5) as sock:
        sock.sendall(
            b"POST /api/v1/status-updates/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: 200000000\r\n\r\n"
        )
        answer = sock.recv(65536).decode()
    head, _, payload = answer.partition("\r\n\r\n")
    assert head.startswith("HTTP/1.1 413") and "application/json" in head
    assert json.loads(payload)["detail"]
    status, body, _ = _get(nginx_in_front, "/media/evidence/informe.pdf", timeout=5)
    assert status == 404
    status, body, _ = _get(nginx_in_front, "/static/css/site.css", timeout=5)
    assert status == 200 and body == b"body { margin: 0; }\n"
