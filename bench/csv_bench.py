"""The whole-dataset CSV download, `/api/v1/commitments/export.csv`, rendered by the project's own
writer (`commitments.api.csv.iter_csv`) and by djangorestframework-csv's `CSVStreamingRenderer`.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ogp_bench .venv/bin/python bench/csv_bench.py

The database must be seeded first (`bench/seed.py`: 20,000 commitments by default). The library is
not a dependency: install it into the venv by hand to compare (`pip install
djangorestframework-csv==3.0.2`); without it only the project's writer is measured.

Each variant runs in a fresh process, through the URL with Django's test client, reading the
streamed body to the end. The rows are the same in every variant (the view's cursor stream): only
the function that turns rows into CSV lines is swapped. Printed per variant: seconds (best of
`--rounds`), peak resident memory above the warmed-up process (VmHWM minus VmRSS before the
download), bytes, columns, and how many header columns are empty in every row.

Variants:
- `project`: the code that ships (columns from the serializer, lists joined with "; ", formula
  cells quoted).
- `library-header`: the library streaming, given the project's header (it streams only with a
  header); list columns (`co_lead_organizations.name`, ...) do not exist in its flattening
  (`co_lead_organizations.0.name`, ...) and come out empty.
- `library-default`: the library as documented, without a header: it reads every row first to
  collect the header, then sorts it alphabetically (memory grows with the data).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = ("project", "library-header", "library-default")


def _status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    return 0


def _patch(variant: str) -> None:
    """Swap the CSV writer of the export view for the library's, keeping the row stream."""
    if variant == "project":
        return
    from rest_framework_csv.renderers import CSVStreamingRenderer

    import commitments.api.views as views

    def library_lines(rows, columns):
        header = [column.header for column in columns] if variant == "library-header" else None
        # The library yields bytes; the view encodes lines itself.
        lines = CSVStreamingRenderer().render(rows, renderer_context={"header": header})
        return (line.decode("utf-8") for line in lines)

    views.iter_csv = library_lines


def run_one(variant: str) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogptracker.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()  # ALLOWED_HOSTS accepts the test client's host
    _patch(variant)
    client = Client()
    client.get("/api/v1/commitments/?page_size=5")  # warm: imports, connection, URL resolver
    before = _status("VmRSS")
    started = time.perf_counter()
    response = client.get("/api/v1/commitments/export.csv")
    # Written to a file as a client would: the body is never held in memory whole.
    with tempfile.TemporaryFile() as out:
        for chunk in response.streaming_content:
            out.write(chunk if isinstance(chunk, bytes) else chunk.encode())
        seconds = time.perf_counter() - started
        peak = _status("VmHWM") - before
        out.seek(0)
        body = out.read()
    table = list(csv.reader(io.StringIO(body.decode("utf-8"))))
    header, rows = table[0], table[1:]
    empty = sum(1 for i in range(len(header)) if all(i >= len(r) or r[i] == "" for r in rows))
    return {
        "variant": variant,
        "status": response.status_code,
        "seconds": round(seconds, 2),
        "peak_mb": round(peak / 2**20, 1),
        "bytes": len(body),
        "rows": len(rows),
        "columns": len(header),
        "empty_columns": empty,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="runs per variant; best is printed")
    parser.add_argument(
        "--only", choices=VARIANTS, help="one variant (used by the runs themselves)"
    )
    args = parser.parse_args()
    if args.only:
        print(json.dumps(run_one(args.only)))
        return
    try:
        import rest_framework_csv  # noqa: F401

        variants = VARIANTS
    except ImportError:
        print("djangorestframework-csv is not installed: measuring the project's writer only")
        variants = ("project",)
    print(f"{'variant':16} {'s':>6} {'peak MB':>8} {'MB out':>7} {'rows':>6} {'cols':>5} empty")
    for variant in variants:
        results = []
        for _ in range(args.rounds):
            done = subprocess.run(
                [sys.executable, __file__, "--only", variant],
                check=True,
                capture_output=True,
                text=True,
            )
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        best = min(results, key=lambda r: r["seconds"])
        peak = max(r["peak_mb"] for r in results)
        print(
            f"{variant:16} {best['seconds']:6.2f} {peak:8.1f} {best['bytes'] / 2**20:7.1f} "
            f"{best['rows']:6} {best['columns']:5} {best['empty_columns']}"
        )


if __name__ == "__main__":
    main()
