"""OGP members from what the files carry: a country name (Explorer) or a code and kind (current sheet)."""

from __future__ import annotations

import re

import pycountry
from django.utils.translation import gettext as _

from .common import ImportRowError, RowNotes, plain
from .countries import iso_codes
from .records import MemberSpec

# Display names for the abbreviations the Explorer uses; other names are kept as written.
DISPLAY_NAMES: dict[str, str] = {"uk": "United Kingdom", "usa": "United States"}
# OGP's member codes: ISO alpha-3 for a nation (PER), OGP's own code otherwise (XKX, a local member's).
# Hyphens and underscores have always been accepted: refusing them now could refuse, whole, a file
# that imported before. Twelve characters is what Member.code holds.
_LOCAL_CODE = re.compile(r"[A-Z0-9_-]{2,12}")


def _prefix(code: str) -> str:
    letters = re.sub(r"[^A-Z]", "", code)[:6]
    return letters if len(letters) >= 2 else "XX"


def _code(raw: str, *, row: int, column: str) -> str:
    code = raw.strip().upper()
    if not _LOCAL_CODE.fullmatch(code):
        raise ImportRowError(
            _(
                "“%(code)s” is not an OGP member code (2 to 12 letters, digits, hyphens or "
                "underscores)"
            )
            % {"code": code},
            row=row,
            column=column,
        )
    return code


def national_member(
    alpha_3: str,
    name: str,
    prefix: str,
    *,
    row: int,
    column: str,
    notes: RowNotes,
) -> MemberSpec:
    """A nation. `prefix` is the one its commitment ids carry, as OGP writes it (UK for the United
    Kingdom, MO for Morocco, PNG, XK): taken as it is, never checked against ISO. Without ids, the
    ISO alpha-2 code. A code that is not ISO alpha-3 (Kosovo's XKX) is OGP's own: kept, with a
    warning, and no ISO code is stored; but ISO's two letters beside that country's name (AR,
    Argentina) are that nation, with a warning."""
    country = pycountry.countries.get(alpha_3=alpha_3.strip().upper())
    if country is not None:
        return _nation(country, name, prefix)
    code = _code(alpha_3, row=row, column=column)
    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    if country is not None and iso_codes(name) == (country.alpha_3, country.alpha_2):
        # ISO's two letters beside the name of that very country: that nation, not a second one.
        notes.warn(
            column,
            _("“%(code)s” is ISO's two-letter code of %(name)s: read as %(alpha_3)s")
            % {"code": code, "name": name.strip(), "alpha_3": country.alpha_3},
        )
        return _nation(country, name, prefix)
    notes.warn(
        column,
        _("“%(code)s” is not an ISO alpha-3 country code: kept as OGP's own code") % {"code": code},
    )
    return MemberSpec(
        code=code,
        iso_alpha2="",
        prefix=prefix or _prefix(code),
        name=name.strip() or code,
        prefix_from_ids=bool(prefix),
    )


def _nation(country: pycountry.db.Country, name: str, prefix: str = "") -> MemberSpec:
    """A nation ISO knows (a pycountry record), named as written, else by its common name."""
    return MemberSpec(
        code=country.alpha_3,
        iso_alpha2=country.alpha_2,
        prefix=prefix or country.alpha_2,
        name=name.strip() or getattr(country, "common_name", country.name),
        prefix_from_ids=bool(prefix),
    )


def local_member(
    code: str, name: str, prefix: str, country: MemberSpec, *, row: int, column: str
) -> MemberSpec:
    """A local member: OGP's own code, no ISO code, the prefix its commitment ids carry."""
    code = _code(code, row=row, column=column)
    return MemberSpec(
        code=code,
        iso_alpha2="",
        prefix=prefix or _prefix(code),
        name=name.strip(),
        kind="local",
        country=country,
        prefix_from_ids=bool(prefix),
    )


def other_member(code: str, name: str, prefix: str, *, row: int, column: str) -> MemberSpec:
    """A member that is neither a nation nor a local government with a known country."""
    code = _code(code, row=row, column=column)
    return MemberSpec(
        code=code,
        iso_alpha2="",
        prefix=prefix or _prefix(code),
        name=name.strip() or code,
        kind="other",
        prefix_from_ids=bool(prefix),
    )


class CountryResolver:
    """Country name as written (or ISO's code for it, named by its common name) -> national
    MemberSpec; one look-up per distinct name."""

    def __init__(self) -> None:
        self._cache: dict[str, MemberSpec] = {}

    def find(self, name: str) -> MemberSpec | None:
        """The nation named `name`, or None when the name is not a known country."""
        try:
            return self(name, row=0, column="")
        except ImportRowError:
            return None

    def __call__(self, name: str, *, row: int, column: str) -> MemberSpec:
        key = " ".join(plain(name).split())
        spec = self._cache.get(key)
        if spec is None:
            codes = iso_codes(name) if key else None
            if codes is None:
                raise ImportRowError(
                    _("unknown country “%(name)s”") % {"name": name.strip()},
                    row=row,
                    column=column,
                )
            written = " ".join(name.split())
            display = DISPLAY_NAMES.get(key, written)
            if written.upper() in codes:
                display = ""  # ISO's code (“AR”, “ARG”), not a name: the country's common name
            country = pycountry.countries.get(alpha_3=codes[0])
            spec = self._cache[key] = _nation(country, display)
        return spec
