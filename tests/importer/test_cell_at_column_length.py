"""A cell exactly as long as its column holds is kept whole, without a warning; one character more
is shortened with one (test_worst_cells.py)."""

from __future__ import annotations

import pytest

from commitments.models import Commitment

from .conftest import run_import
from .test_current_sheet import ROWS

pytestmark = pytest.mark.django_db


def test_a_theme_exactly_as_long_as_its_column_is_kept_whole_without_a_warning(
    client, current_file
):
    theme = ("Transparencia y acceso a la información pública, " * 7)[:300]
    assert len(theme) == Commitment._meta.get_field("theme").max_length

    printed = run_import(current_file([{**ROWS[0], "Theme": theme}]))

    assert "longer than" not in printed
    assert client.get("/api/v1/commitments/PE0074/").json()["theme"] == theme
