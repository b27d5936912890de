"""Peru as an OGP member and the organisations its plans name, shared by every Peru plan loader.

Written by hand from the IRM Explorer data (explorer-2017-ogpirm_live_data.csv) and the project's
IRM glossary; nothing is read from the shared data files at run time.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from commitments.models import Member, Organization, OrganizationAlias, normalize_name

from .upsert import upsert


@dataclass(frozen=True)
class Org:
    key: str
    slug: str
    name: str
    acronym: str = ""
    kind: str = Organization.Kind.GOVERNMENT
    parent: str = ""
    website: str = ""
    # Other spellings seen in the source data (accents, acronyms, word order).
    aliases: tuple[str, ...] = ()


GOV = Organization.Kind.GOVERNMENT
ORGANIZATIONS: tuple[Org, ...] = (
    Org("pcm", "pcm", "Presidencia del Consejo de Ministros", "PCM"),
    # The plans' coordinator, inside the PCM. The file spells it three ways.
    Org(
        "sgp",
        "pcm-sgp",
        "Secretaría de Gestión Pública",
        "SGP",
        parent="pcm",
        aliases=(
            "Secretaría de Gestión Pública (SGP)",
            "Secretaria de Gestión Pública (SGP)",
            "Secretaria de la Gestión Pública (SGP)",
            "SGP",
        ),
    ),
    Org(
        "ongei",
        "pcm-ongei",
        "Oficina Nacional de Gobierno Electrónico e Informática",
        "ONGEI",
        parent="pcm",
        aliases=("Oficina Nacional de Gobierno Electrónico y Informática (ONGEI)", "ONGEI"),
    ),
    Org("sd", "pcm-sd", "Secretaría de Descentralización", parent="pcm"),
    Org(
        "minem",
        "minem",
        "Ministerio de Energía y Minas",
        "MINEM",
        aliases=("Ministerio Energía y Minas",),
    ),
    Org("mef", "mef", "Ministerio de Economía y Finanzas", "MEF"),
    Org(
        "cgr",
        "cgr",
        "Contraloría General de la República",
        "CGR",
        kind=Organization.Kind.AUTONOMOUS,
    ),
    Org("pj", "poder-judicial", "Poder Judicial", kind=Organization.Kind.JUDICIARY),
    Org(
        "servir",
        "servir",
        "Autoridad Nacional del Servicio Civil",
        "SERVIR",
        aliases=("Autoridad Nacional del Servicio Civil (SERVIR)",),
    ),
    # Civil society: the demo editors work here.
    Org(
        "proetica",
        "proetica",
        "Proética",
        kind=Organization.Kind.CIVIL_SOCIETY,
        aliases=("Proetica", "Consejo Nacional para la Ética Pública"),
    ),
    Org(
        "cad",
        "ciudadanos-al-dia",
        "Ciudadanos al Día",
        "CAD",
        kind=Organization.Kind.CIVIL_SOCIETY,
    ),
)


def load_member() -> Member:
    member, _ = upsert(
        Member,
        {"code": "PER"},
        {
            "iso_alpha2": "PE",
            "commitment_prefix": "PE",
            "name": "Peru",
            "kind": Member.Kind.NATIONAL,
            "country": None,
            # Peru joined in April 2012; only the month is known, so the first of the month.
            "joined_on": datetime.date(2012, 4, 1),
        },
    )
    return member


def load_organizations(member: Member) -> dict[str, Organization]:
    """Every organisation by its key, with its alternative spellings as aliases."""
    by_key: dict[str, Organization] = {}
    for org in ORGANIZATIONS:  # parents come before their children
        row, _ = upsert(
            Organization,
            {"slug": org.slug},
            {
                "name": org.name,
                "normalized_name": normalize_name(org.name),
                "acronym": org.acronym,
                "kind": org.kind,
                "parent": by_key[org.parent] if org.parent else None,
                "member": member,
                "website": org.website,
            },
        )
        by_key[org.key] = row
        seen = {normalize_name(org.name)}
        for alias in org.aliases:
            key = normalize_name(alias)
            if key in seen:  # differs only by accents or case: one alias covers both
                continue
            seen.add(key)
            upsert(OrganizationAlias, {"organization": row, "normalized": key}, {"name": alias})
    return by_key
