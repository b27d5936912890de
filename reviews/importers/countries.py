"""Country names as OGP data writes them -> ISO codes, with pycountry and a short override table.

Shared by the importers (IRM commitments and the process database). Never fuzzy-matches: a name
that is neither in the table nor resolved exactly by pycountry is unknown.
"""

from __future__ import annotations

import unicodedata

import pycountry

# Names in OGP data that pycountry does not resolve exactly (plain, lower case) -> ISO alpha-3.
NAME_OVERRIDES: dict[str, str] = {
    "uk": "GBR",
    "united kingdom": "GBR",
    "macedonia": "MKD",
    "north macedonia": "MKD",
    "turkey": "TUR",
    "south korea": "KOR",
    "korea": "KOR",
    "czech republic": "CZE",
    "ivory coast": "CIV",
    "cote d'ivoire": "CIV",
    "cape verde": "CPV",
    "kyrgyzstan": "KGZ",
}


def _key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join(
        "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().split()
    )


def iso_codes(name: str) -> tuple[str, str] | None:
    """(ISO alpha-3, ISO alpha-2) for a country name as written in OGP data, or None."""
    alpha_3 = NAME_OVERRIDES.get(_key(name))
    try:
        country = (
            pycountry.countries.get(alpha_3=alpha_3)
            if alpha_3
            else pycountry.countries.lookup(name.strip())
        )
    except LookupError:
        return None
    if country is None:
        return None
    return country.alpha_3, country.alpha_2
