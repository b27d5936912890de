"""While a long file imports, the operator sees how far it got every 500 rows (on stderr), and
nothing more."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from .test_query_count import synthetic_file

pytestmark = pytest.mark.django_db


def progress_lines(path) -> list[str]:
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        call_command("import_ogp_irm", str(path), stdout=out, stderr=err)
    assert "commitments: " in out.getvalue()
    return err.getvalue().splitlines()


def test_a_long_file_reports_its_progress_every_500_rows(tmp_path):
    assert progress_lines(synthetic_file(tmp_path, "Peru", 501)) == ["  500 rows read so far..."]
    assert progress_lines(synthetic_file(tmp_path, "Chile", 499)) == []
