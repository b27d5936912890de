"""Institution cells where only the shape of each piece says whether the cell is a list: two-word
names ("Ministerio Público") and names after an article ("El Ministerio ... y la Contraloría ...")
are split as a list; a line starting in lower case continues the name above it; a line holding
only a two-letter acronym ("EU") is a name of its own."""

from __future__ import annotations

import pytest

from commitments.models import Commitment

from .conftest import run_import
from .test_current_sheet import ROWS

pytestmark = pytest.mark.django_db


def supporting_names(client) -> list[str]:
    served = client.get("/api/v1/commitments/PE0074/").json()
    return [o["name"] for o in served["supporting_organizations"]]


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        # Two-word institution names are a list all the same.
        (
            "Ministerio Público ,  Contraloría General",
            ["Contraloría General", "Ministerio Público"],
        ),
        ("Ministerio  Público y Poder Judicial", ["Ministerio Público", "Poder Judicial"]),
        # Each name after an article (kept as written): the word after it is the head word.
        (
            "El Ministerio de Economía y Finanzas, la Contraloría General de la República",
            ["El Ministerio de Economía y Finanzas", "la Contraloría General de la República"],
        ),
        (
            "The Ministry of Finance and the Office of the President",
            ["The Ministry of Finance", "the Office of the President"],
        ),
    ],
)
def test_a_list_of_short_or_article_led_names_is_split(client, current_file, cell, names):
    run_import(current_file([{**ROWS[0], "Supporting Institution(s)": cell}]))

    assert sorted(supporting_names(client)) == sorted(names)


def test_a_lower_case_line_continues_the_wrapped_name_above_it(client, current_file):
    cell = "Ministerio de Economía\r\ny Finanzas Públicas (MEF) ;\nDefensoría del Pueblo"

    run_import(current_file([{**ROWS[0], "Supporting Institution(s)": cell}]))

    # Not "Ministerio de Economía" and "y Finanzas Públicas": one name wrapped over two lines.
    assert supporting_names(client) == [
        "Defensoría del Pueblo",
        "Ministerio de Economía y Finanzas Públicas",
    ]
    served = client.get("/api/v1/organizations/", {"member": "PER"}).json()["results"]
    assert {o["name"]: o["acronym"] for o in served}[
        "Ministerio de Economía y Finanzas Públicas"
    ] == "MEF"


def test_a_line_of_a_two_letter_acronym_is_a_name_of_its_own(client, current_file):
    cell = "Ministry of Foreign Affairs\nEU\nUNDP "

    run_import(current_file([{**ROWS[0], "Supporting Institution(s)": cell}]))

    assert sorted(supporting_names(client)) == ["EU", "Ministry of Foreign Affairs", "UNDP"]
    assert Commitment.objects.get().supporting_organizations.count() == 3
