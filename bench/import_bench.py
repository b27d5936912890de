"""Benchmark `import_ogp_irm` on the full 2017 Explorer table, and show memory stays flat at 5x.

    .venv/bin/python bench/import_bench.py                      # SQLite (a fresh temporary file)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ogp_importer .venv/bin/python bench/import_bench.py

The database is a fresh test database (Django's test-database machinery: `test_<name>` on
PostgreSQL, a temporary file on SQLite), created, migrated and destroyed by the bench.

Prints: wall time, CPU time and database queries of the first import, of a second (nothing to
change) import and of the steps after them; the process's peak resident memory (ru_maxrss); and
the tracemalloc peak of an import of the file and of a file five times as long (the same rows five
times, copies 2-5 moved to plans 11-13, 21-23...: new plans and new commitment ids, same members).
A streaming importer has about the same peak for both.
"""

from __future__ import annotations

import csv
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The shared data beside the checkout or beside any parent folder (a worktree in /work/wt/NAME).
SHARED = next(
    (
        p / "shared" / "data" / "ogp-irm"
        for p in ROOT.parents
        if (p / "shared/data/ogp-irm").is_dir()
    ),
    ROOT.parent / "shared" / "data" / "ogp-irm",
)
EXPLORER = SHARED / "explorer-2017-ogpirm_live_data.csv"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogptracker.settings")


def make_long_file(directory: Path, copies: int) -> Path:
    """The Explorer file `copies` times over; each copy's plans renumbered so its rows are new."""
    path = directory / f"explorer-x{copies}.csv"
    with path.open("w", newline="", encoding="utf-8") as target:
        writer = csv.writer(target)
        for copy in range(copies):
            with EXPLORER.open(newline="", encoding="utf-8") as source:
                reader = csv.reader(source)
                numbers, names = next(reader), next(reader)
                if copy == 0:
                    writer.writerows([numbers, names])
                plan_col = names.index("Action Plan Number")
                for row in reader:
                    row[plan_col] = str(int(row[plan_col]) + 10 * copy)
                    writer.writerow(row)
    return path


CURRENT_HEADER = EXPLORER.parent / "current-sheet-header.csv"


def make_current_sheet(directory: Path) -> Path:
    """What is in the database, written as OGP's current sheet with OGP's own ids (each
    provisional id without its -P): importing it reconciles every commitment."""
    from commitments.models import Commitment

    with CURRENT_HEADER.open(newline="", encoding="utf-8") as stream:
        header = next(csv.reader(stream))
    path = directory / "current-sheet.csv"
    commitments = Commitment.objects.select_related("action_plan__member").order_by("pk")
    with path.open("w", newline="", encoding="utf-8") as target:
        writer = csv.writer(target)
        writer.writerow(header)
        for c in commitments.iterator(chunk_size=2000):
            member, plan = c.action_plan.member, c.action_plan
            values = {
                "Commitment Unique Identifier": c.ogp_id.replace("-P", ""),
                "Country/Locality": member.name,
                "Code": member.code,
                "National Or Local": "National",
                "Action Plan Number": str(plan.number),
                "Action Plan ID": plan.ogp_id,
                "Commitment Number": c.number,
                "Commitment Title": c.title,
                "Short Title": c.short_title,
                "Full Text": c.full_text,
                "Year Of Submission": str(plan.submission_year or ""),
            }
            writer.writerow([values.get(name, "") for name in header])
    return path


def run(path: Path) -> tuple[float, str]:
    from django.core.management import call_command
    from django.db import connection
    from django.utils import translation

    out = StringIO()
    queries = 0

    def count(execute, sql, params, many, context):
        nonlocal queries
        queries += 1
        return execute(sql, params, many, context)

    started, cpu = time.perf_counter(), time.process_time()
    with translation.override("en"), connection.execute_wrapper(count):
        call_command("import_ogp_irm", str(path), stdout=out, stderr=StringIO())
    CPU.append(time.process_time() - cpu)
    QUERIES.append(queries)
    return time.perf_counter() - started, out.getvalue()


# CPU seconds of each run: on a shared, busy machine the wall time says more about the neighbours.
CPU: list[float] = []
# Statements each run sent to the database (a counting wrapper: no SQL text is kept).
QUERIES: list[int] = []


def cpu() -> str:
    return f"(CPU {CPU[-1]:5.2f} s, {QUERIES[-1]} queries)"


def traced(path: Path) -> tuple[float, int]:
    tracemalloc.start()
    try:
        seconds, _out = run(path)
        return seconds, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def empty_database() -> None:
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)


def main() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    workdir = Path(tempfile.mkdtemp(prefix="import-bench-"))
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(workdir / "bench.sqlite3")
    setup_test_environment(debug=False)  # as in production: no query log kept in memory
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        rows = sum(1 for _ in EXPLORER.open(encoding="utf-8")) - 2
        print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
        print(f"file: {EXPLORER.name}, {rows} data rows")

        first, summary = run(EXPLORER)
        print(f"first import (everything new):  {first:6.2f} s {cpu()}")
        print("  " + "\n  ".join(line.strip() for line in summary.splitlines()[1:9]))
        second, _ = run(EXPLORER)
        print(f"second import (nothing to do):  {second:6.2f} s {cpu()}")
        peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
        print(f"peak RSS of the process so far: {peak_rss:6.1f} MiB")

        sheet = make_current_sheet(workdir)
        reconcile, summary = run(sheet)
        print(
            f"current sheet with OGP's ids for the same {rows} rows (reconciliation): {reconcile:6.2f} s "
            + cpu()
        )
        print(
            "  "
            + "\n  ".join(
                line.strip()
                for line in summary.splitlines()
                if line.strip().startswith(("commitments", "conflict"))
            )
        )
        again, _ = run(sheet)
        print(f"current sheet again (nothing to do): {again:6.2f} s {cpu()}")
        back, summary = run(EXPLORER)
        print(f"Explorer again after reconciliation (enrich only): {back:6.2f} s {cpu()}")

        long_file = make_long_file(workdir, 5)
        empty_database()
        long_seconds, _ = run(long_file)
        print(f"5x file ({5 * rows} rows), first import: {long_seconds:6.2f} s {cpu()}")

        empty_database()
        _s, peak_1x = traced(EXPLORER)
        empty_database()
        _s, peak_5x = traced(long_file)
        print(f"tracemalloc peak, 1x file: {peak_1x / 2**20:6.1f} MiB")
        print(
            f"tracemalloc peak, 5x file: {peak_5x / 2**20:6.1f} MiB  (ratio {peak_5x / peak_1x:.2f})"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
