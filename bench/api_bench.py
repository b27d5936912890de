"""Benchmark the hottest public endpoint against a raw PostgreSQL-JSON yardstick, and measure the
memory of the whole-dataset CSV download. See bench/README.md.

    .venv/bin/python bench/api_bench.py                 # seed, serve, measure, print
    .venv/bin/python bench/api_bench.py --skip-seed     # reuse the seeded databases

1. Seeds PostgreSQL (bench/seed.py; default 100 members, 600 plans, 20,000 commitments,
   200,000 status updates).
2. Serves the app (ogptracker.wsgi) and bench/raw_app.py under gunicorn with the same settings
   (2 sync workers), production-shaped (DEBUG off, Redis cache), throttling out of the way.
3. Runs wrk against /api/v1/commitments/?page_size=100&page=P and the raw endpoint (pages spread
   over all pages), interleaved for several rounds, and prints req/s, p50, p99 and the ratios.
4. Downloads /api/v1/commitments/export.csv at the default size and at ten times it (a second
   database) and prints the peak RSS (VmHWM) of the gunicorn worker that served it.
Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import seed

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
API_PATH = "/api/v1/commitments/"
RAW_PATH = "/raw/commitments/"


@dataclass
class Result:
    name: str
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def with_database(dsn: str, name: str) -> str:
    parts = urlsplit(dsn)
    return urlunsplit(parts._replace(path=f"/{name}"))


def create_database(dsn: str) -> None:
    name = urlsplit(dsn).path.lstrip("/")
    subprocess.run(
        ["createdb", "-h", urlsplit(dsn).hostname or "127.0.0.1", "-U", "postgres", name],
        stderr=subprocess.DEVNULL,
        check=False,
    )


def server_env(args: argparse.Namespace, dsn: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": dsn,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "API_ANON_RATE": "1000000/second",
        "API_USER_RATE": "1000000/second",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    if args.cache_url:
        env["CACHE_URL"] = args.cache_url
    return env


@contextmanager
def gunicorn(app: str, env: dict[str, str], workers: int):
    port = free_port()
    process = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--timeout",
            "600",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError(f"gunicorn {app} did not start")
        yield port, process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def workers_of(master: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:
                children.append(int(entry.name))
    return children


def vm_kib(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def get(port: int, path: str) -> bytes:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=600) as response:
        return response.read()


LUA = """
math.randomseed(%(seed)d)
request = function()
  return wrk.format("GET", "%(path)s?page_size=%(size)d&page=" .. math.random(1, %(pages)d))
end
"""


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def run_wrk(name: str, port: int, path: str, args: argparse.Namespace, pages: int) -> Result:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % {"seed": 42, "path": path, "size": args.page_size, "pages": pages})
    try:
        output = subprocess.run(
            [
                "wrk",
                f"-t{args.threads}",
                f"-c{args.connections}",
                f"-d{args.duration}s",
                "--latency",
                "-s",
                script.name,
                f"http://127.0.0.1:{port}",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(script.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors_match = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = int(errors_match.group(1)) if errors_match else 0
    return Result(name, rps, p50, p99, errors)


def same_page(api_port: int, raw_port: int, size: int) -> str:
    api = json.loads(get(api_port, f"{API_PATH}?page_size={size}&page=3"))
    raw = json.loads(get(raw_port, f"{RAW_PATH}?page_size={size}&page=3"))
    if api["count"] != raw["count"]:
        return f"counts differ: {api['count']} vs {raw['count']}"
    if [r["ogp_id"] for r in api["results"]] != [r["ogp_id"] for r in raw["results"]]:
        return "the pages list different commitments"
    if list(api["results"][0]) != list(raw["results"][0]):
        return f"fields differ: {list(api['results'][0])} vs {list(raw['results'][0])}"
    return "same count, same commitments, same fields"


def throughput(args: argparse.Namespace, dsn: str, commitments: int) -> None:
    pages = max(1, min(args.pages, commitments // args.page_size))
    env = server_env(args, dsn)
    results: dict[str, list[Result]] = {"raw": [], "api": []}
    with (
        gunicorn("ogptracker.wsgi:application", env, args.workers) as (api_port, _),
        gunicorn(
            "raw_app:application", {**env, "PYTHONPATH": str(ROOT / "bench")}, args.workers
        ) as (raw_port, _),
    ):
        print(f"Check: {same_page(api_port, raw_port, args.page_size)}.")
        targets = {"raw": (raw_port, RAW_PATH), "api": (api_port, API_PATH)}
        for name, (port, path) in targets.items():  # warm up both
            run_wrk(name, port, path, argparse.Namespace(**{**vars(args), "duration": 3}), pages)
        for round_number in range(args.rounds):
            order = ["raw", "api"] if round_number % 2 == 0 else ["api", "raw"]
            for name in order:
                port, path = targets[name]
                result = run_wrk(name, port, path, args, pages)
                results[name].append(result)
                print(
                    f"  round {round_number + 1} {name:3}: {result.rps:8.1f} req/s  "
                    f"p50 {result.p50_ms:7.2f} ms  p99 {result.p99_ms:7.2f} ms"
                    + (f"  NON-2xx: {result.errors}" if result.errors else "")
                )
    print(
        f"\n{API_PATH}?page_size={args.page_size} vs raw json_agg endpoint "
        f"({commitments} commitments, pages 1-{pages}, {args.workers} sync workers, "
        f"{args.connections} connections, {args.rounds} rounds of {args.duration} s, medians):"
    )
    med = {
        name: Result(
            name,
            statistics.median(r.rps for r in rs),
            statistics.median(r.p50_ms for r in rs),
            statistics.median(r.p99_ms for r in rs),
            sum(r.errors for r in rs),
        )
        for name, rs in results.items()
    }
    for name in ("raw", "api"):
        r = med[name]
        print(f"  {name:3}: {r.rps:8.1f} req/s  p50 {r.p50_ms:7.2f} ms  p99 {r.p99_ms:7.2f} ms")
    rps_ratio = med["api"].rps / med["raw"].rps
    p99_ratio = med["api"].p99_ms / med["raw"].p99_ms
    print(
        f"  ratio api/raw: throughput {rps_ratio:.2f} (goal >= 0.50, "
        f"{'met' if rps_ratio >= 0.5 else 'NOT met'}), p99 {p99_ratio:.2f} (goal <= 2.00, "
        f"{'met' if p99_ratio <= 2 else 'NOT met'})"
    )


def export_memory(args: argparse.Namespace, dsn: str, label: str) -> None:
    env = server_env(args, dsn)
    with gunicorn("ogptracker.wsgi:application", env, args.workers) as (port, master):
        get(port, f"{API_PATH}?page_size=100")  # both code paths imported, connection open
        get(port, f"{API_PATH}?page_size=100")
        workers = workers_of(master)
        before = {pid: vm_kib(pid, "VmHWM") for pid in workers}
        started = time.monotonic()
        size = rows = 0
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}{API_PATH}export.csv", timeout=600
        ) as response:
            while chunk := response.read(1 << 16):
                size += len(chunk)
                rows += chunk.count(b"\n")
        elapsed = time.monotonic() - started
        after = {pid: vm_kib(pid, "VmHWM") for pid in workers}
    served = max(workers, key=lambda pid: after[pid] - before[pid])
    print(
        f"  {label}: export.csv {size / 1e6:.1f} MB, ~{rows - 1} lines, in {elapsed:.1f} s; "
        f"peak RSS of the serving worker {after[served] / 1024:.1f} MiB "
        f"(before the download {before[served] / 1024:.1f} MiB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ogp_bench"
        ),
        help="PostgreSQL database for the default size; the 10x one gets the suffix _x10.",
    )
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/3")
    parser.add_argument("--skip-seed", action="store_true", help="Reuse the seeded databases.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--duration", type=int, default=10, help="Seconds per measurement.")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--page-size", type=int, default=100)
    parser.add_argument("--pages", type=int, default=200, help="Spread requests over 1..N.")
    parser.add_argument(
        "--memory-scale", type=int, default=10, help="Second export size (0: skip it)."
    )
    parser.add_argument("--skip-throughput", action="store_true")
    seed.add_size_arguments(parser)
    args = parser.parse_args()
    if shutil.which("wrk") is None and not args.skip_throughput:
        sys.exit("wrk is missing: apt-get install wrk (Debian) or brew install wrk.")

    sizes = seed.sizes(args)
    dsn = args.database_url
    if not args.skip_seed:
        create_database(dsn)
        seed.seed(dsn, **sizes)
    if not args.skip_throughput:
        throughput(args, dsn, sizes["commitments"])

    print("\nWhole-dataset CSV download (GET /api/v1/commitments/export.csv):")
    export_memory(args, dsn, f"{sizes['commitments']:>7} commitments")
    if args.memory_scale:
        big_dsn = with_database(dsn, urlsplit(dsn).path.lstrip("/") + f"_x{args.memory_scale}")
        big = {key: value * args.memory_scale for key, value in sizes.items()}
        if not args.skip_seed:
            create_database(big_dsn)
            seed.seed(big_dsn, **big)
        export_memory(args, big_dsn, f"{big['commitments']:>7} commitments")


if __name__ == "__main__":
    main()
