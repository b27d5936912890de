"""Mixed-workload load test against gunicorn: anonymous API reads and page views, and editors posting
status updates through the write API with their tokens.

    .venv/bin/python bench/load_test.py                      # migrate, seed, serve, step, report
    .venv/bin/python bench/load_test.py --steps 4,8,16 --step-seconds 10 --half-seconds 30

What it does:
1. Prepares a PostgreSQL database (default ogp_trust_bench, created if missing): migrate, the Peru
   demo (`load_demo`), collectstatic (DEBUG off serves hashed static names), and five editor
   accounts with API tokens whose organisation monitors every commitment.
2. Serves the app with gunicorn under the production config, `ogptracker/gunicorn.conf.py` (gthread
   workers x threads, its timeouts and limits; --workers/--threads set WEB_CONCURRENCY/WEB_THREADS),
   DEBUG off, Redis cache and broker on Redis database 7, throttle rates set out of reach: every
   request comes from one address here.
3. Finds the peak: closed-loop clients (each sends its next request when the last one is answered)
   at each concurrency of --steps for --step-seconds (or --max-requests, whichever comes first).
4. Runs at half the peak throughput (open loop: requests are started on a fixed schedule) for
   --half-seconds and reports the error rate, which must be zero.

Mix: 45 % API reads (commitment list pages, commitment details, completion stats), 40 % page views
(home, plan and commitment pages), 15 % status updates (POST, 201 expected). An error is any
exception, time-out or status other than 200/201.

Only the standard library on the client side: threads and http.client.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
APP_ZONE = ZoneInfo(os.environ.get("TIME_ZONE", "America/Lima"))
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))


@dataclass
class Sample:
    kind: str
    status: int
    seconds: float


@dataclass
class Result:
    label: str
    concurrency: int
    seconds: float
    samples: list[Sample] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.samples)

    @property
    def errors(self) -> int:
        return sum(1 for s in self.samples if s.status not in (200, 201))

    def throughput(self) -> float:
        return self.count / self.seconds if self.seconds else 0.0

    def percentile(self, p: float, kind: str | None = None) -> float:
        values = sorted(s.seconds for s in self.samples if kind is None or s.kind == kind)
        if not values:
            return 0.0
        index = min(len(values) - 1, max(0, round(p / 100 * len(values)) - 1))
        return values[index] * 1000

    def line(self) -> str:
        rate = 100 * self.errors / self.count if self.count else 0.0
        kinds = ", ".join(
            f"{k} p50 {self.percentile(50, k):.0f} ms"
            for k in ("api", "page", "write")
            if any(s.kind == k for s in self.samples)
        )
        return (
            f"{self.label:>22}: concurrency {self.concurrency:>3}, {self.count:>6} requests in "
            f"{self.seconds:5.1f} s = {self.throughput():7.1f} req/s, p50 {self.percentile(50):6.1f} ms, "
            f"p99 {self.percentile(99):7.1f} ms, errors {self.errors} ({rate:.2f} %)  [{kinds}]"
        )


def bench_env(database_url: str, redis_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url,
        CACHE_URL=redis_url,
        CELERY_BROKER_URL=redis_url,
        DEBUG="0",
        SECRET_KEY=env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        API_ANON_RATE="1000000/second",
        API_USER_RATE="1000000/second",
        LOG_LEVEL="WARNING",
    )
    return env


def prepare(env: dict[str, str], database: str) -> None:
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", database],
        capture_output=True,
        check=False,
    )
    for command in (["migrate", "--noinput"], ["load_demo"], ["collectstatic", "--noinput"]):
        subprocess.run(
            [PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, capture_output=True
        )


SETUP = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from rest_framework.authtoken.models import Token
from commitments.models import ActionPlan, Commitment, Organization, Profile
from commitments.roles import EDITOR

org, _ = Organization.objects.get_or_create(
    slug="bench-watchdog",
    defaults={"name": "Bench watchdog", "normalized_name": "bench watchdog", "kind": "civil_society"},
)
for c in Commitment.objects.all():
    c.monitoring_organizations.add(org)
tokens = []
for i in range(5):
    user, _ = get_user_model().objects.get_or_create(username=f"bench-editor-{i}")
    user.groups.add(Group.objects.get(name=EDITOR))
    Profile.objects.update_or_create(user=user, defaults={"organization": org})
    tokens.append(Token.objects.get_or_create(user=user)[0].key)
print(json.dumps({
    "commitments": list(Commitment.objects.values_list("ogp_id", flat=True)),
    "plans": list(ActionPlan.objects.values_list("ogp_id", flat=True)),
    "tokens": tokens,
}))
"""


def seed_accounts(env: dict[str, str]) -> dict:
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", SETUP],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


class Workload:
    """Picks the next request of the mix and sends it on a keep-alive connection."""

    def __init__(self, host: str, port: int, data: dict, seed: int) -> None:
        self.host, self.port, self.data = host, port, data
        self.random = random.Random(seed)

    def request(self) -> tuple[str, str, str, bytes | None, dict[str, str]]:
        r = self.random.random()
        ogp_id = self.random.choice(self.data["commitments"])
        if r < 0.45:
            path = self.random.choice(
                [
                    f"/api/v1/commitments/?page={self.random.randint(1, 2)}",
                    f"/api/v1/commitments/{ogp_id}/",
                    "/api/v1/stats/completion/",
                ]
            )
            return "api", "GET", path, None, {"Accept": "application/json"}
        if r < 0.85:
            path = self.random.choice(
                [
                    "/",
                    f"/plans/{self.random.choice(self.data['plans'])}/",
                    f"/commitments/{ogp_id}/",
                ]
            )
            return "page", "GET", path, None, {"Accept-Language": "es"}
        body = json.dumps(
            {
                "completion": self.random.choice(["limited", "substantial", "complete"]),
                # Today where the app is (TIME_ZONE): a date ahead of it is refused as future.
                "as_of": datetime.now(APP_ZONE).date().isoformat(),
                "note": "load test",
                "links": ["https://example.org/evidence"],
            }
        ).encode()
        headers = {
            "Content-Type": "application/json",
            "Authorization": f"Token {self.random.choice(self.data['tokens'])}",
        }
        return "write", "POST", f"/api/v1/commitments/{ogp_id}/status-updates/", body, headers


def send(conn_box: list, host: str, port: int, request: tuple) -> Sample:
    kind, method, path, body, headers = request
    started = time.perf_counter()
    status = 0
    try:
        if conn_box[0] is None:
            conn_box[0] = http.client.HTTPConnection(host, port, timeout=30)
        conn = conn_box[0]
        conn.request(method, path, body=body, headers={**headers, "Host": "127.0.0.1"})
        response = conn.getresponse()
        response.read()
        status = response.status
        if response.getheader("Connection", "").lower() == "close":
            conn.close()
            conn_box[0] = None
    except (OSError, http.client.HTTPException):
        if conn_box[0] is not None:
            conn_box[0].close()
        conn_box[0] = None
    return Sample(kind, status, time.perf_counter() - started)


def closed_loop(
    host: str, port: int, data: dict, concurrency: int, seconds: float, max_requests: int
) -> Result:
    result = Result(f"step {concurrency}", concurrency, seconds)
    deadline = time.perf_counter() + seconds
    lock = threading.Lock()
    budget = [max_requests]

    def client(index: int) -> None:
        workload, box, mine = Workload(host, port, data, seed=index), [None], []
        while time.perf_counter() < deadline:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            mine.append(send(box, host, port, workload.request()))
        with lock:
            result.samples.extend(mine)

    started = time.perf_counter()
    _run_threads(concurrency, client)
    result.seconds = time.perf_counter() - started
    return result


def open_loop(
    host: str, port: int, data: dict, rate: float, seconds: float, threads: int
) -> Result:
    """Start requests on a fixed schedule (rate per second), spread over `threads` clients."""
    result = Result(f"half peak {rate:.0f}/s", threads, seconds)
    lock = threading.Lock()
    start = time.perf_counter() + 0.2
    total = int(rate * seconds)
    next_index = [0]

    def client(index: int) -> None:
        workload, box, mine = Workload(host, port, data, seed=1000 + index), [None], []
        while True:
            with lock:
                i = next_index[0]
                next_index[0] += 1
            if i >= total:
                break
            due = start + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            mine.append(send(box, host, port, workload.request()))
        with lock:
            result.samples.extend(mine)

    _run_threads(threads, client)
    result.seconds = max(seconds, time.perf_counter() - start)
    return result


def _run_threads(count: int, target: Callable[[int], None]) -> None:
    threads = [threading.Thread(target=target, args=(i,), daemon=True) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def wait_for(host: str, port: int, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection(host, port, timeout=2)
            conn.request("GET", "/api/v1/stats/completion/", headers={"Host": "127.0.0.1"})
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("gunicorn did not answer in time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="ogp_trust_bench")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--port", type=int, default=8079)
    parser.add_argument(
        "--workers", type=int, default=3, help="gunicorn processes (WEB_CONCURRENCY)"
    )
    parser.add_argument("--threads", type=int, default=4, help="threads per process (WEB_THREADS)")
    parser.add_argument("--steps", default="2,4,8,16,32")
    parser.add_argument("--step-seconds", type=float, default=15)
    parser.add_argument("--max-requests", type=int, default=20000, help="per step")
    parser.add_argument("--half-seconds", type=float, default=30)
    parser.add_argument("--skip-prepare", action="store_true")
    args = parser.parse_args()

    host = "127.0.0.1"
    env = bench_env(f"postgres://postgres@127.0.0.1:5432/{args.database}", args.redis_url)
    if not args.skip_prepare:
        print(f"Preparing {args.database} (migrate, load_demo)...", flush=True)
        prepare(env, args.database)
    data = seed_accounts(env)
    print(
        f"{len(data['commitments'])} commitments, {len(data['plans'])} plans, "
        f"{len(data['tokens'])} editor tokens",
        flush=True,
    )
    server_env = {
        **env,
        "WEB_CONCURRENCY": str(args.workers),
        "WEB_THREADS": str(args.threads),
        "GUNICORN_BIND": f"{host}:{args.port}",
    }
    server = subprocess.Popen(
        [
            GUNICORN,
            "ogptracker.wsgi",
            "--config",
            "ogptracker/gunicorn.conf.py",
            "--log-level",
            "warning",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=server_env,
    )
    try:
        wait_for(host, args.port)
        print(
            f"gunicorn (ogptracker/gunicorn.conf.py): {args.workers} gthread workers x "
            f"{args.threads} threads on {host}:{args.port}",
            flush=True,
        )
        closed_loop(host, args.port, data, 4, 3, 10**6)  # warm-up, not reported
        steps = []
        for concurrency in (int(c) for c in args.steps.split(",")):
            result = closed_loop(
                host, args.port, data, concurrency, args.step_seconds, args.max_requests
            )
            steps.append(result)
            print(result.line(), flush=True)
        peak = max(steps, key=Result.throughput)
        rate = peak.throughput() / 2
        print(f"Peak: {peak.throughput():.1f} req/s at concurrency {peak.concurrency}", flush=True)
        half = open_loop(host, args.port, data, rate, args.half_seconds, peak.concurrency)
        print(half.line(), flush=True)
        verdict = "OK" if half.errors == 0 else "FAIL"
        print(f"Half-peak error rate: {half.errors}/{half.count} -> {verdict}")
        if half.errors:
            sys.exit(1)
    finally:
        server.terminate()
        server.wait(timeout=30)
        _drop_queued_messages(args.redis_url)


def _drop_queued_messages(redis_url: str) -> None:
    # No worker runs during the test: drop the task messages it queued (only in our Redis database).
    try:
        import redis

        client = redis.Redis.from_url(redis_url)
        keys = list(client.scan_iter("*"))
        celery_keys = [k for k in keys if k in (b"celery", b"figures") or b"kombu" in k]
        if celery_keys:
            client.delete(*celery_keys)
    except Exception as exc:  # a report must not hide the figures above
        print(f"(could not clean the queued messages: {exc})")


if __name__ == "__main__":
    main()
