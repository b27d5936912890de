"""Institution names: split the lead and supporting cells, and match spellings to one Organization.

Matching, per member: a spelling is looked up under three keys, in order: the whole spelling
normalised (`commitments.models.normalize_name`: no accents, case or extra spaces), the name without
a trailing "(ACRONYM)", and that name with punctuation and stop-words ("de", "la", "of", "the"...)
removed. A new organisation keeps its first spelling (without the acronym) as its name, the acronym
in `acronym`, and registers every key (and the acronym) as an OrganizationAlias, so
"Secretaría de Gestión Pública (SGP)", "Secretaria de Gestión Pública (SGP)" and
"Secretaria de la Gestión Pública (SGP), " are one record. A key already registered for another
organisation of the member is never taken over.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from commitments.models import Member, Organization, OrganizationAlias, normalize_name

from .common import LINE_BREAK_TAG, NO_ORGANIZATION, fit, plain
from .organization_kinds import infer_kind

NAME_LENGTH = Organization._meta.get_field("name").max_length
ACRONYM_LENGTH = Organization._meta.get_field("acronym").max_length
KEY_LENGTH = OrganizationAlias._meta.get_field("normalized").max_length

_ACRONYM = re.compile(r"^(?P<name>.*?)\s*\((?P<acronym>[^\s()]{2,20})\)$")
_STOP_WORDS_TEXT = (
    "a al and da das de del des do dos du e el en et for in la las le les los of on para por the y"
)
_STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
# First words that start an institution's name: a lead cell is split on commas (and on " y " /
# " and ") only when every piece starts with one of these, i.e. when it is clearly a list.
_HEAD_WORDS_TEXT = """
    agencia agency archivo autoridad biblioteca camara comision commission comisionado consejo
    contraloria corte council court defensoria department departamento direccion directorate
    fiscalia institute instituto jurado minister ministerio ministry municipalidad office oficina
    organismo poder presidencia presidency procuraduria registro secretaria secretariat
    secretary servicio superintendencia tribunal unidad
"""
_HEAD_WORDS = frozenset(_HEAD_WORDS_TEXT.split())
_ARTICLES = frozenset({"the", "la", "el", "los", "las"})


def clean_name(raw: str) -> str:
    text = LINE_BREAK_TAG.sub(" ", raw)
    return " ".join(text.split()).strip(" ,;")


def _is_nobody(text: str) -> bool:
    return text.casefold() in NO_ORGANIZATION


def split_acronym(text: str) -> tuple[str, str]:
    """`Secretaría de Gestión Pública (SGP)` -> (`Secretaría de Gestión Pública`, `SGP`)."""
    match = _ACRONYM.match(text)
    if match and match["name"] and sum(ch.isupper() for ch in match["acronym"]) >= 2:
        return match["name"].strip(" ,;"), match["acronym"]
    return text, ""


def _split_outside_parentheses(text: str, pattern: re.Pattern[str]) -> list[str]:
    pieces, depth, start = [], 0, 0
    for match in pattern.finditer(text):
        depth = text.count("(", 0, match.start()) - text.count(")", 0, match.start())
        if depth == 0:
            pieces.append(text[start : match.start()])
            start = match.end()
    pieces.append(text[start:])
    return [clean_name(p) for p in pieces]


def _starts_with_head(text: str) -> bool:
    words = plain(text).split()
    if words and words[0] in _ARTICLES:
        words = words[1:]
    return len(words) >= 2 and words[0].strip(".,") in _HEAD_WORDS


_COMMA = re.compile(r",")
_AND = re.compile(r"\s+(?:y|and|e)\s+")


def _split_clear_list(text: str) -> list[str]:
    pieces = _split_outside_parentheses(text, _COMMA)
    if len(pieces) < 2 or not all(_starts_with_head(p) for p in pieces):
        pieces = [text]
    result = []
    for piece in pieces:
        halves = _split_outside_parentheses(piece, _AND)
        if len(halves) > 1 and all(_starts_with_head(h) for h in halves):
            result.extend(halves)
        else:
            result.append(piece)
    return result


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A telephone: digits with spaces, dots, dashes or parentheses, at least seven digits in all.
# Not followed by a letter or a dash: "004-2013" in "D.S. 004-2013-PCM" is a decree's number.
_PHONE = re.compile(
    r"(?:(?:tel|tel\.|teléfono|telefono|phone|fax)[:.]?\s*)?\+?\(?\d[\d\s().-]{5,}\d(?![\w-])"
)
# "(2016 - 2018)": the years an institution bore a name, not a telephone.
_YEARS = re.compile(r"\(?(?:19|20)\d\d\s*[-/]\s*(?:19|20)\d\d")
_PERSON = re.compile(
    r"^(?:contact(?:o|)?\s*:?\s*|(?:sr|sra|srta|mr|mrs|ms|dr|dra|lic|ing)\.?\s+)", re.IGNORECASE
)
_CONTACT_LABEL = re.compile(
    r"(?:tel|teléfono|telefono|phone|fax|e-?mail|correo|contact|contacto)[.:]?", re.IGNORECASE
)
# List markers: bullets, and numbered items (`1.`, `2)`, `a)`) at the start of a line or the cell.
_BULLET = re.compile(r"(?:^|\n)\s*(?:[•·▪●◦*\u2013-]|\(?\d{1,2}[.)]|\(?[a-h]\))\s+")
# A part that starts with item 1 (`1.`, `(1)`) also numbers its later items inline.
_FIRST_ITEM = re.compile(r"\s*\(?1[.)]\s")
_INLINE_ITEM = re.compile(r"\s\(?\d{1,2}[.)]\s+")
_NO_LETTERS = re.compile(r"[\W\d_]+")
_PUNCTUATION = re.compile(r"[^\w\s]")


@dataclass
class Contacts:
    """What institution cells hold that is not an institution: people, emails, telephones."""

    names: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)


def _take_contacts(text: str, contacts: Contacts) -> str:
    """Move emails and telephones out of `text` into `contacts`; the rest stays."""
    for email in _EMAIL.findall(text):
        if email not in contacts.emails:
            contacts.emails.append(email)
    text = _EMAIL.sub(" ", text)
    for match in _PHONE.finditer(text):
        if _is_phone(match.group()) and match.group().strip() not in contacts.phones:
            contacts.phones.append(" ".join(match.group().split()))
    text = _PHONE.sub(lambda m: " " if _is_phone(m.group()) else m.group(), text)
    return text


def _is_phone(found: str) -> bool:
    """A `_PHONE` match that is a telephone: seven digits or more, and not a range of years."""
    return len(re.sub(r"\D", "", found)) >= 7 and not _YEARS.fullmatch(found.strip())


def _has_phone(text: str) -> bool:
    return any(_is_phone(match.group()) for match in _PHONE.finditer(text))


def _whole_name(line: str) -> bool:
    """A line that reads as a whole institution name (not the rest of a wrapped one)."""
    words = line.split()
    if not words or not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    return len(words) >= 2 or (words[0].isupper() and len(words[0]) >= 2)


def _lines_to_names(text: str) -> list[str]:
    """A cell's lines: one name per line only where every line is a whole name; otherwise the
    lines are one name wrapped over several (joined with spaces)."""
    lines = [clean_name(line) for line in text.split("\n")]
    lines = [line for line in lines if line]
    if len(lines) > 1 and all(_whole_name(line) for line in lines):
        return lines
    return [" ".join(lines)] if lines else []


def _items(part: str) -> list[str]:
    """One `;`-separated part split at bullets and numbered items (`1.` ... `2.` inline too)."""
    items = _BULLET.split("\n" + part)
    if _FIRST_ITEM.match(part):
        items = [piece for item in items for piece in _INLINE_ITEM.split(item)]
    return items


def _pieces(raw: str, contacts: Contacts) -> list[str]:
    text = LINE_BREAK_TAG.sub("\n", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    names: list[str] = []
    for part in text.split(";"):
        for item in _items(part):
            for line in _lines_to_names(item):
                has_contact = bool(_EMAIL.search(line) or _has_phone(line))
                for piece in line.split(",") if has_contact else [line]:
                    rest = clean_name(_take_contacts(piece, contacts).strip(" ,;:-\u2013"))
                    if not rest or _is_nobody(rest) or _NO_LETTERS.fullmatch(rest):
                        continue
                    if _CONTACT_LABEL.fullmatch(rest):
                        continue
                    # Beside an email or a telephone, a short name that is not an institution's
                    # (no kind, no head word such as "Biblioteca" or "Instituto") is the contact
                    # person.
                    person = _PERSON.match(rest) or (
                        has_contact
                        and len(rest.split()) <= 4
                        and infer_kind(rest) == "unknown"
                        and not _starts_with_head(rest)
                    )
                    if person:
                        rest = _PERSON.sub("", rest).strip(" ,;:")
                        if rest and rest not in contacts.names:
                            contacts.names.append(rest)
                        continue
                    names.append(rest)
    return names


def split_lead(raw: str, contacts: Contacts | None = None) -> list[str]:
    """Institutions named in a lead cell: the first leads, the others support.

    Conservative: the cell is one institution unless it is clearly a list: pieces separated by `;`,
    bullets or numbered items, one whole name per line, or commas / " y " / " and " where every
    piece starts like an institution's name (Ministerio..., Secretaría..., Ministry..., Office...).
    Emails, telephones and people go to `contacts`."""
    names: list[str] = []
    for part in _pieces(raw, contacts if contacts is not None else Contacts()):
        names.extend(n for n in _split_clear_list(part) if n and not _is_nobody(n))
    return names


def split_supporting(raw: str, contacts: Contacts | None = None) -> list[str]:
    """Supporting institutions: the cell split on `;`, bullets, numbered items, and line breaks
    where each line is a whole name (a name wrapped over two lines stays one). Emails, telephones
    and people go to `contacts`."""
    names: list[str] = []
    for part in _pieces(raw, contacts if contacts is not None else Contacts()):
        names.extend(n for n in _split_clear_list(part) if n and not _is_nobody(n))
    return names


def match_keys(spelling: str) -> list[str]:
    """The keys a spelling is looked up under, most exact first."""
    name, _acronym = split_acronym(spelling)
    loose_words = [w for w in _PUNCTUATION.sub(" ", plain(name)).split() if w not in _STOP_WORDS]
    keys = [normalize_name(spelling), normalize_name(name)]
    if len(loose_words) >= 2:
        keys.append(" ".join(loose_words))
    return list(dict.fromkeys(k[:KEY_LENGTH] for k in keys if k))


class OrganizationIndex:
    """Organisations by member and key, loaded from the database once per member (two queries)."""

    def __init__(self) -> None:
        self._keys: dict[str, dict[str, Organization]] = {}  # member code -> key -> organisation
        self.pending: list[Organization] = []
        self.pending_aliases: list[OrganizationAlias] = []
        # Every slug in use, read in one query when the file names its first new organisation.
        self._taken_slugs: set[str] | None = None
        self.created = 0
        self.aliases_created = 0
        self.matched: set[int] = set()  # ids of organisations that existed before this file
        self._new: set[int] = set()  # id() of the organisations this file creates
        self.shortened: list[int] = []  # rows

    def _member_keys(self, member: Member) -> dict[str, Organization]:
        keys = self._keys.get(member.code)
        if keys is None:
            keys = self._keys[member.code] = {}
            if member.pk is not None:
                orgs = {
                    org.pk: org
                    for org in Organization.objects.filter(member=member).only(
                        "pk", "normalized_name", "member_id"
                    )
                }
                aliases = (
                    OrganizationAlias.objects.filter(organization__member=member)
                    .order_by("pk")
                    .values_list("normalized", "organization_id")
                )
                for key, org_id in aliases:
                    keys.setdefault(key, orgs[org_id])
                for org in orgs.values():
                    keys.setdefault(org.normalized_name, org)
        return keys

    def _slugs(self) -> set[str]:
        if self._taken_slugs is None:
            self._taken_slugs = set(Organization.objects.values_list("slug", flat=True))
        return self._taken_slugs

    def resolve(self, spelling: str, member: Member, row: int) -> Organization:
        """The organisation this spelling names for the member, creating it (pending) if new."""
        keys = self._member_keys(member)
        candidates = match_keys(spelling)
        org = next((keys[k] for k in candidates if k in keys), None)
        if org is None:
            base, acronym = split_acronym(spelling)
            name, shortened = fit(base, NAME_LENGTH)
            if shortened:
                self.shortened.append(row)
            acronym = acronym[:ACRONYM_LENGTH]
            org = Organization(
                name=name,
                normalized_name=normalize_name(name)[:KEY_LENGTH],
                acronym=acronym,
                member=member,
                kind=infer_kind(f"{name} ({acronym})" if acronym else name),
                slug=Organization.unique_slug(name, acronym, taken=self._slugs()),
            )
            self._slugs().add(org.slug)
            self.pending.append(org)
            self._new.add(id(org))
            self.created += 1
            if acronym:
                candidates.append(normalize_name(acronym))
        elif id(org) not in self._new:
            self.matched.add(org.pk)
        self._register(keys, org, spelling, candidates)
        return org

    def _register(
        self, keys: dict[str, Organization], org: Organization, spelling: str, candidates: list[str]
    ) -> None:
        for key in candidates:
            if key in keys:
                continue
            keys[key] = org
            alias_name = fit(clean_name(spelling), NAME_LENGTH)[0]
            if key != normalize_name(spelling):
                alias_name = key  # the acronym, the bare name or the loose key
                base, acronym = split_acronym(spelling)
                if key == normalize_name(base):
                    alias_name = fit(base, NAME_LENGTH)[0]
                elif acronym and key == normalize_name(acronym):
                    alias_name = acronym
            self.pending_aliases.append(
                OrganizationAlias(organization=org, name=alias_name, normalized=key)
            )
            self.aliases_created += 1
