"""Country names as OGP's sheets write them (reviews/importers/countries.py), read through the import
command from local members' "Locality, Country": every spelling of the override table, one pycountry
resolves itself, accents, case and spacing; a name that is no country is never guessed."""

from __future__ import annotations

import pytest

from commitments.models import Member

from .conftest import run_import
from .test_worst_cells import rows

pytestmark = pytest.mark.django_db

COUNTRIES = {
    "UK": "GBR",
    "United  Kingdom": "GBR",
    "Macedonia": "MKD",
    "North Macedonia": "MKD",
    "Turkey": "TUR",
    "South Korea": "KOR",
    "KOREA": "KOR",
    "Czech Republic": "CZE",
    "Ivory Coast": "CIV",
    "Côte d'Ivoire": "CIV",
    "Cape Verde": "CPV",
    "Kyrgyzstan": "KGZ",
    " Spain ": "ESP",
    "Perú": None,  # pycountry resolves exact names only: not guessed
    "Atlantis": None,
}


def code(n: int) -> str:
    return f"LX{chr(ord('A') + n)}"


def test_every_spelling_resolves_to_its_iso_country_and_nothing_is_guessed(current_file):
    locals_ = [
        {
            "National Or Local": "Local",
            "Country/Locality": f"Ciudad {n}, {country}",
            "Code": code(n),
            "Commitment Unique Identifier": f"{code(n)}0001",
        }
        for n, country in enumerate(COUNTRIES)
    ]

    printed = run_import(current_file(rows(*locals_)))

    found = {
        member.code: (member.country.code if member.country else None)
        for member in Member.objects.filter(code__startswith="LX")
    }
    assert [found[code(n)] for n in range(len(COUNTRIES))] == list(COUNTRIES.values())
    assert Member.objects.get(code=code(14)).kind == "other"
    assert "found “Ciudad 14, Atlantis”" in printed
