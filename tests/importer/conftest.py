"""Helpers to build small OGP files for the importer tests from the shared data's real headers."""

from __future__ import annotations

import csv
import functools
from collections.abc import Callable, Iterable
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from tests.conftest import CURRENT_HEADER_CSV, EXPLORER_CSV


@functools.cache
def _explorer_file() -> tuple[list[str], list[str], list[list[str]]]:
    with EXPLORER_CSV.open(newline="", encoding="utf-8") as stream:
        reader = csv.reader(stream)
        numbers, names = next(reader), next(reader)
        return numbers, names, list(reader)


def explorer_rows() -> tuple[list[str], list[str], list[list[str]]]:
    """(row 1, row 2, data rows) of the shared Explorer file, as new lists a test may edit. The
    2 MB file is parsed once a session (25 ms a read; the importer and admin tests read it 125
    times, and most of them run for each importer mutant)."""
    numbers, names, rows = _explorer_file()
    return list(numbers), list(names), [list(row) for row in rows]


def write_csv(path: Path, rows: Iterable[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows(rows)
    return path


@pytest.fixture
def explorer_file(tmp_path) -> Callable[..., Path]:
    """An Explorer-format file from some of the shared file's rows, with cells overridden:
    explorer_file(country="Peru", edits={row_index: {column: value}}, limit=None)."""

    def make(
        *,
        country: str | None = None,
        limit: int | None = None,
        edits: dict[int, dict[str, str]] | None = None,
        name: str = "explorer.csv",
    ) -> Path:
        numbers, names, rows = explorer_rows()
        if country:
            rows = [r for r in rows if r[0] == country]
        rows = rows[:limit]
        index = {n: i for i, n in enumerate(names) if n}
        for position, cells in (edits or {}).items():
            for column, value in cells.items():
                rows[position][index[column]] = value
        return write_csv(tmp_path / name, [numbers, names, *rows])

    return make


@pytest.fixture
def current_header() -> list[str]:
    with CURRENT_HEADER_CSV.open(newline="", encoding="utf-8") as stream:
        return next(csv.reader(stream))


@pytest.fixture
def current_file(tmp_path, current_header) -> Callable[[list[dict[str, str]]], Path]:
    """A current-sheet file: the real 171-column header and one row per dict (other cells empty)."""

    def make(rows: list[dict[str, str]], name: str = "current.csv") -> Path:
        unknown = {k for row in rows for k in row} - set(current_header)
        assert not unknown, f"not in the current sheet header: {unknown}"
        return write_csv(
            tmp_path / name,
            [current_header, *([row.get(c, "") for c in current_header] for row in rows)],
        )

    return make


def run_import(path: Path, *args: str, language: str = "en") -> str:
    """Run the command as an operator would (in English unless told); returns what it printed."""
    out, err = StringIO(), StringIO()
    with translation.override(language):
        call_command("import_ogp_irm", str(path), *args, stdout=out, stderr=err)
    return out.getvalue()
