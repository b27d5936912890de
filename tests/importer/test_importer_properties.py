"""Property-based tests of the IRM importer: arbitrary cell contents never crash it, and a file
either imports whole or writes nothing."""

from __future__ import annotations

import csv
import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from commitments.models import ActionPlan, Commitment, Member, Organization
from reviews.models import Assessment, IRMReport
from tests.conftest import EXPLORER_CSV

ROWS = 3


def _peru_sample() -> tuple[list[str], list[str], list[list[str]]]:
    with EXPLORER_CSV.open(newline="", encoding="utf-8") as stream:
        reader = csv.reader(stream)
        numbers, names = next(reader), next(reader)
        rows = [row for row in reader if row[0] == "Peru"][:ROWS]
    return numbers, names, rows


NUMBERS, NAMES, SAMPLE = _peru_sample()
COLUMNS = [i for i, name in enumerate(NAMES) if name]
# Any text a spreadsheet cell can hold, NUL and control characters included (no lone surrogates:
# those cannot be written as UTF-8 at all).
CELL = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40)
EDITS = st.lists(st.tuples(st.integers(0, ROWS - 1), st.sampled_from(COLUMNS), CELL), max_size=8)


class _Rollback(Exception):
    """Undo one example's writes so the next starts from an empty database."""


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Member, ActionPlan, Commitment, Organization, IRMReport, Assessment)
    }


def _write(rows: list[list[str]]) -> Path:
    with tempfile.NamedTemporaryFile(
        "w", suffix=".csv", newline="", encoding="utf-8", delete=False
    ) as handle:
        csv.writer(handle).writerows([NUMBERS, NAMES, *rows])
    return Path(handle.name)


@pytest.mark.django_db
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=EDITS)
def test_arbitrary_cells_import_whole_or_write_nothing(edits):
    rows = [list(row) for row in SAMPLE]
    for row, column, value in edits:
        rows[row][column] = value
    path = _write(rows)
    try:
        with transaction.atomic():
            out = StringIO()
            try:
                with translation.override("en"):
                    call_command("import_ogp_irm", str(path), stdout=out, stderr=StringIO())
            except CommandError as error:
                event("refused with a message")
                assert "Nothing was imported" in str(error)
                assert set(_counts().values()) == {0}, _counts()
            else:
                event("imported whole")
                non_blank = [r for r in rows if any(c.strip() for c in r)]
                assert f"{len(non_blank)} rows" in out.getvalue()
                assert Commitment.objects.count() == len(non_blank)
                # Every written commitment has its history (the importer's bulk writes included).
                assert Commitment.history.filter(history_type="+").count() == len(non_blank)
            raise _Rollback
    except _Rollback:
        pass
    finally:
        path.unlink()


@pytest.mark.django_db
def test_a_clean_sample_imports_every_row_with_history():
    path = _write([list(row) for row in SAMPLE])
    try:
        with translation.override("en"):
            call_command("import_ogp_irm", str(path), stdout=StringIO(), stderr=StringIO())
    finally:
        path.unlink()
    assert Commitment.objects.count() == ROWS
    assert Commitment.history.count() == ROWS
    assert Assessment.history.count() == Assessment.objects.count() > 0
