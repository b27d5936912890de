"""A commitment number is part of a commitment's identity (the source key of a file without ids,
the number a row is matched by): one longer than its column (a text pasted into the number's
column) is refused naming the row and the column, on SQLite and PostgreSQL alike, never cut and
never left to the database to refuse. Run this file with DATABASE_URL set to PostgreSQL too."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from commitments.models import Commitment

from .conftest import run_import
from .test_broken_files import assert_nothing_written

pytestmark = pytest.mark.django_db

# What OGP's sheets hold in the column (1, 2.1, 1:h, 3.3.3.7), and a full sentence pasted into it.
PASTED = "Implementar un portal de datos abiertos con la participación de la sociedad civil " * 2


def current_row(number: str, ogp_id: str = "PE0001") -> dict[str, str]:
    return {
        "Commitment Unique Identifier": ogp_id,
        "Country/Locality": "Peru",
        "Code": "PER",
        "National Or Local": "National",
        "Action Plan Number": "2",
        "Commitment Number": number,
        "Commitment Title": "Portal de datos abiertos",
    }


def refusal(path) -> str:
    with pytest.raises(CommandError) as error:
        run_import(path)
    assert_nothing_written()
    return str(error.value)


def test_a_sentence_in_the_commitment_number_is_refused_naming_row_and_column(current_file):
    path = current_file([current_row("1"), current_row(PASTED.strip(), "PE0002")])

    message = refusal(path)

    assert (
        f"row 3, PE0002, column “Commitment Number”: {len(PASTED.strip())} characters where a "
        "commitment number holds at most 40 (a text in the number's column?)"
    ) in message
    assert "database refused" not in message


def test_an_explorer_comm_no_past_its_column_is_refused_naming_row_and_column(explorer_file):
    path = explorer_file(country="Peru", limit=3, edits={1: {"Comm No": "x" * 41}})

    message = refusal(path)

    assert (
        "row 4, Peru 1 " + "x" * 41 + ", column “Comm No”: 41 characters where a commitment "
        "number holds at most 40"
    ) in message


def test_a_number_as_long_as_its_column_imports_whole_and_again_unchanged(explorer_file):
    number = "1." + "1" * 38
    path = explorer_file(country="Peru", limit=2, edits={1: {"Comm No": number}})

    first = run_import(path)
    again = run_import(path)

    assert Commitment.objects.get(number=number).source_key == f"PER|1|{number}|1"
    assert "number longer" not in first
    assert "commitments: 0 created, 0 updated, 2 unchanged" in again


def test_the_refusal_is_in_spanish_for_a_spanish_operator(current_file):
    path = current_file([current_row("y" * 50)])

    with pytest.raises(CommandError) as error:
        run_import(path, language="es")

    assert (
        "fila 2, PE0001, columna “Commitment Number”: 50 caracteres donde un número de "
        "compromiso admite 40 como máximo (¿un texto en la columna del número?)"
    ) in str(error.value)
