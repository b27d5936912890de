"""Spellings as the worst sheets write them: a two-letter or mixed-case acronym in parentheses is
the organisation's acronym, a comma before it is not part of the name, a name starting with an X
keeps it; two spellings differing only in punctuation and small words are one organisation."""

from __future__ import annotations

import pytest

from commitments.models import Organization

from .conftest import run_import
from .test_current_sheet import ROWS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("cell", "name", "acronym"),
    [
        ("Ministerio Público (MP)", "Ministerio Público", "MP"),
        ("Ministerio de Salud (MinSa)", "Ministerio de Salud", "MinSa"),
        (
            "Ministerio de Justicia y Derechos Humanos, (MINJUS)",
            "Ministerio de Justicia y Derechos Humanos",
            "MINJUS",
        ),
        ("Xunta de Galicia (XG)", "Xunta de Galicia", "XG"),
    ],
)
def test_the_acronym_in_parentheses_is_taken_out_of_the_name(
    client, current_file, cell, name, acronym
):
    run_import(current_file([{**ROWS[1], "Lead Institution": cell}]))

    slug = client.get("/api/v1/commitments/PE0075/").json()["lead_organization"]["id"]
    lead = client.get(f"/api/v1/organizations/{slug}/").json()
    assert (lead["name"], lead["acronym"]) == (name, acronym)


@pytest.mark.parametrize(
    "other",
    [
        "Ministerio de Trabajo - Promoción del Empleo",
        "Ministerio de Trabajo y Promoción del Empleo.",
        "Ministerio de Trabajo/Promoción del Empleo",
        "Ministerio de Trabajo, y Promoción del Empleo (MTPE)",
    ],
)
def test_spellings_differing_in_punctuation_and_small_words_are_one_organisation(
    client, current_file, other
):
    rows = [
        {**ROWS[0], "Lead Institution": "Ministerio de Trabajo y Promoción del Empleo"},
        {**ROWS[1], "Lead Institution": other},
    ]
    run_import(current_file(rows))

    first = client.get("/api/v1/commitments/PE0074/").json()["lead_organization"]
    second = client.get("/api/v1/commitments/PE0075/").json()["lead_organization"]
    assert second["id"] == first["id"]
    assert first["name"] == "Ministerio de Trabajo y Promoción del Empleo"
    assert (
        not Organization.objects.filter(name__icontains="Promoción", member__code="PER")
        .exclude(slug=first["id"])
        .exists()
    )
