"""An organisation name exactly as long as its column holds is created whole, without a warning;
one character more is shortened at a word, with the warning on its row (the organisations'
counterpart of test_cell_at_column_length.py)."""

from __future__ import annotations

import pytest

from commitments.models import Organization

from .conftest import run_import
from .test_current_sheet import ROWS

pytestmark = pytest.mark.django_db
LENGTH = Organization._meta.get_field("name").max_length


def _name(length: int) -> str:
    words = "Oficina Nacional de Coordinación de la Transparencia Regional del Gobierno Abierto "
    name = ("Dirección " + words * (length // len(words) + 1))[: length - 1].rstrip() + "s"
    return name + "s" * (length - len(name))


def _lead(client) -> str:
    return client.get("/api/v1/commitments/PE0075/").json()["lead_organization"]["name"]


def test_an_organisation_name_exactly_as_long_as_its_column_is_kept_whole_without_a_warning(
    client, current_file
):
    name = _name(LENGTH)
    assert len(name) == LENGTH

    printed = run_import(current_file([{**ROWS[1], "Lead Institution": name}]))

    assert "longer than" not in printed
    assert _lead(client) == name


def test_an_organisation_name_one_character_longer_is_shortened_with_a_warning_on_its_row(
    client, current_file
):
    name = _name(LENGTH + 1)

    printed = run_import(current_file([{**ROWS[1], "Lead Institution": name}]))

    assert f"organisation name longer than {LENGTH} characters, shortened" in printed
    assert "(1 row: 2)" in printed
    stored = _lead(client)
    assert len(stored) <= LENGTH
    assert stored.endswith("…")
    assert name.startswith(stored[:-1])
