"""The kind of an organisation (international, civil society, government...) read from words in its
name, for the organisations an import creates."""

from __future__ import annotations

import re

from .common import plain

# Kind of organisation from words in its name (accent- and case-blind, whole words), checked in
# this order; "unknown" when no rule is sure.
_KIND_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "international",
        (
            "united nations",
            "naciones unidas",
            "undp",
            "pnud",
            "world bank",
            "banco mundial",
            "oecd",
            "ocde",
            "usaid",
            "european union",
            "union europea",
            "unicef",
            "unesco",
            "inter-american development bank",
            "banco interamericano",
            "idb",
            "bid",
            "giz",
            "dfid",
            "oas",
            "oea",
            "open government partnership",
        ),
    ),
    (
        "academia",
        (
            "universidad",
            "university",
            "universite",
            "college",
            "pontificia",
            "academy",
            "academia",
            "research institute",
        ),
    ),
    (
        "judiciary",
        (
            "poder judicial",
            "judiciary",
            "supreme court",
            "corte suprema",
            "tribunal",
            "juzgado",
            "court of",
            "judicial",
        ),
    ),
    (
        "legislature",
        (
            "congreso",
            "congress",
            "parliament",
            "parlamento",
            "asamblea nacional",
            "national assembly",
            "senate",
            "senado",
            "camara de diputados",
            "legislative",
            "legislativa",
            "legislatura",
        ),
    ),
    (
        "autonomous",
        (
            "defensoria",
            "ombudsman",
            "contraloria",
            "comptroller",
            "auditor general",
            "supreme audit",
            "jurado nacional de elecciones",
            "electoral",
            "banco central",
            "central bank",
            "fiscalia",
            "attorney general",
            "procuraduria",
            "information commissioner",
            "consejo para la transparencia",
        ),
    ),
    (
        "civil_society",
        (
            "ngo",
            "ong",
            "foundation",
            "fundacion",
            "asociacion",
            "association",
            "civil society",
            "sociedad civil",
            "transparency international",
            "transparencia internacional",
            "colectivo",
            "coalition",
            "coalicion",
            "movimiento",
            "red ciudadana",
            "citizens",
            "ciudadanos al dia",
            "proetica",
            "consejo de la prensa",
            "human rights watch",
            "trade union",
            "sindicato",
        ),
    ),
    (
        "private_sector",
        (
            "chamber of commerce",
            "camara de comercio",
            "s.a.",
            "s.a.c.",
            "ltd",
            "inc",
            "corporation",
            "company",
            "empresa",
            "business",
            "private sector",
            "sector privado",
            "confederacion",
            "confederation of",
            "industry association",
        ),
    ),
    (
        "government",
        (
            "ministerio",
            "ministry",
            "minister",
            "secretaria",
            "secretariat",
            "department",
            "departamento",
            "direccion",
            "directorate",
            "presidencia",
            "presidency",
            "presidential",
            "prime minister",
            "municipalidad",
            "municipality",
            "municipal",
            "gobierno",
            "government",
            "agencia",
            "agency",
            "superintendencia",
            "servicio nacional",
            "cabinet",
            "gabinete",
            "alcaldia",
            "ayuntamiento",
            "prefectura",
            "governorate",
            "county",
            "city of",
            "consejo de ministros",
            "council of ministers",
            "oficina nacional",
            "office of the",
        ),
    ),
)
_KIND_PATTERNS = tuple(
    (kind, re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])"))
    for kind, words in _KIND_RULES
)


def infer_kind(name: str) -> str:
    """The kind of an organisation from its name, conservatively: "unknown" when unsure."""
    text = " ".join(plain(name).split())
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(text):
            return kind
    return "unknown"
