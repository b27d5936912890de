"""A comma-separated file is read with commas even when one of its column names holds a semicolon
(an extra column such as "Notas; internas" that the importer does not read)."""

from __future__ import annotations

import pytest

from commitments.models import Commitment

from .conftest import run_import, write_csv
from .test_current_sheet import ROWS

pytestmark = pytest.mark.django_db


def test_a_semicolon_in_one_column_name_does_not_make_the_file_semicolon_separated(
    tmp_path, current_header
):
    header = [*current_header, "Notas; internas"]
    row = [ROWS[0].get(c, "") for c in current_header] + ["revisar"]

    run_import(write_csv(tmp_path / "current.csv", [header, row]))

    assert Commitment.objects.get().ogp_id == "PE0074"
