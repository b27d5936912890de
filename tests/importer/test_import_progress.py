"""While a long file imports, the operator sees how far it got every 500 rows (on stderr), and
nothing more."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from reviews.importers import writer

from .test_query_count import synthetic_file

pytestmark = pytest.mark.django_db


def progress_lines(path) -> list[str]:
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        call_command("import_ogp_irm", str(path), stdout=out, stderr=err)
    assert "commitments: " in out.getvalue()
    return err.getvalue().splitlines()


def test_a_long_file_reports_its_progress_every_500_rows(tmp_path, monkeypatch):
    assert writer.PROGRESS_EVERY == 500
    # The rule at every 5 rows rather than 500: 11 rows cost what 1,000 would (every mutant of the
    # importer runs this test under `make mutate`).
    monkeypatch.setattr(writer, "PROGRESS_EVERY", 5)
    assert progress_lines(synthetic_file(tmp_path, "Peru", 11)) == [
        "  5 rows read so far...",
        "  10 rows read so far...",
    ]
    assert progress_lines(synthetic_file(tmp_path, "Chile", 4)) == []
