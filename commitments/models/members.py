"""Who takes part: OGP members, organisations (and their alternative names), user profiles."""

from __future__ import annotations

import functools
import gettext
import re
import unicodedata
from collections.abc import Sequence
from typing import Any

import pycountry
from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Cast, Lower, Upper
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .history import VersionedModel


@functools.cache
def _country_catalogue(language: str) -> gettext.NullTranslations:
    """pycountry's ISO 3166 names in `language` (a null catalogue where it has none)."""
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def localized_member_name(name: str, iso_alpha2: str) -> str:
    """A nation's name in the active language ("Perú" on a Spanish page): the ISO 3166 name
    translated by pycountry's catalogue, but only where OGP writes the ISO English name (so
    "South Korea" is never swapped for "Corea, República de"); anything else as OGP writes it."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    if language == "en" or not iso_alpha2:
        return name
    country = pycountry.countries.get(alpha_2=iso_alpha2)
    if country is None:
        return name
    english = {normalize_name(n) for n in (country.name, getattr(country, "common_name", ""))}
    if normalize_name(name) not in english:
        return name
    catalogue = _country_catalogue(language)
    for msgid in (getattr(country, "common_name", None), country.name):
        if msgid and (translated := catalogue.gettext(msgid)) != msgid:
            return translated
    return name


def member_display_name(name: str, kind: str, iso_alpha2: str) -> str:
    """The name pages show for a member, in the active language (`Member.display_name`, from a
    row read with `.values_list()`): a nation's as localized_member_name gives it, any other
    member's as OGP writes it."""
    if kind != Member.Kind.NATIONAL:
        return name
    return localized_member_name(name, iso_alpha2)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _without_marks(match: re.Match[str]) -> str:
    return "".join(ch for ch in match[0] if not unicodedata.combining(ch))


def strip_accents(text: str) -> str:
    """`text` decomposed (NFKD) without its combining marks: "Perú" -> "Peru". A mark is never
    ASCII, so only the runs of other characters are looked at (an importer calls this for every
    cell it matches or searches, and most of a cell is ASCII)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return decomposed if decomposed.isascii() else _NON_ASCII.sub(_without_marks, decomposed)


def normalize_name(name: str) -> str:
    """Key used to match spellings of one institution: no accents, case or extra spaces."""
    plain = strip_accents(name)
    return " ".join(plain.casefold().replace("\u201c", '"').replace("\u201d", '"').split())


_DIGITS = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """A key that sorts names as a reader expects: accents and case aside, and numbers by value
    ("Perú · plan 2" before "Perú · plan 10", "Islandia" between "Irlanda" and "Italia")."""
    # The split's odd parts are the numbers it found: `str.isdigit()` also says yes to digits
    # int() cannot read (Ethiopic ፩).
    return tuple(
        (0, int(part)) if n % 2 else (1, part)
        for n, part in enumerate(_DIGITS.split(normalize_name(text)))
        if part
    )


class MemberQuerySet(models.QuerySet):
    def by_key(self, typed: str) -> MemberQuerySet:
        """A member by its OGP code (`PER`) or, for nations, its ISO alpha-2 code (`PE`), typed
        in any case: both are stored in upper case (constraints), so one indexed match."""
        code = typed.strip().upper()
        return self.filter(Q(code=code) | Q(iso_alpha2=code))

    def in_country(self, member: Member) -> MemberQuerySet:
        """A nation together with its local members."""
        return self.filter(Q(pk=member.pk) | Q(country=member))

    def _names(self) -> list[tuple[int, str, str, str]]:
        return list(Member.objects.values_list("pk", "name", "kind", "iso_alpha2"))

    def listed_by_name(self) -> list[Member]:
        """These members, read in one query, in the order of the names pages show in the active
        language (natural_key: "Kenia" among the K's): a list page's members and its member
        filter. Give the list of every member to `name_rank` to order other rows by it without
        reading the members again."""
        return sorted(self, key=lambda member: natural_key(member.display_name))

    def name_rank(self, link: str = "pk", *, listed: Sequence[Member] | None = None) -> Case:
        """Each member's place among all members sorted by the name pages show in the active
        language, as an expression on `link`, the path to a member's pk from the rows it orders
        ("member_id" for plans). `listed`: every member as `listed_by_name` gave them, when the
        page has read them already; else one query reads them."""
        if listed is None:
            listed = Member.objects.only("name", "kind", "iso_alpha2").listed_by_name()
        return Case(
            *(When(**{link: member.pk}, then=Value(n)) for n, member in enumerate(listed)),
            # Cast: with no members the Case is its default alone, and PostgreSQL reads a bare
            # `ORDER BY 0` as a column position.
            default=Cast(Value(len(listed)), models.IntegerField()),
            output_field=models.IntegerField(),
        )

    def in_name_order(self) -> MemberQuerySet:
        """Members by the name pages show in the active language ("Kenia" among the K's), as a
        QuerySet (the admin's pick-lists); a page listing them uses `listed_by_name`."""
        return self.alias(name_rank=self.name_rank()).order_by("name_rank", "pk")

    def named(self, text: str) -> MemberQuerySet:
        """Members whose name in any of the site's languages contains `text`, accents and case
        aside: "Kenia" finds Kenya, which OGP writes in English. One query reads the names."""
        key = normalize_name(text)
        rows = self._names()
        found = set()
        for language, _language_name in settings.LANGUAGES:
            with translation.override(language):
                found |= {
                    pk for pk, *row in rows if key in normalize_name(member_display_name(*row))
                }
        return self.filter(pk__in=sorted(found))


class Member(models.Model):
    class Kind(models.TextChoices):
        NATIONAL = "national", _("National government")
        LOCAL = "local", _("Local government")
        OTHER = "other", _("Other member")

    code = models.CharField(
        _("OGP code"),
        max_length=12,
        unique=True,
        help_text=_("ISO alpha-3 for a nation (PER); OGP's own code for a local member."),
    )
    iso_alpha2 = models.CharField(_("ISO alpha-2 code"), max_length=2, blank=True)
    commitment_prefix = models.CharField(
        _("commitment id prefix"),
        max_length=6,
        unique=True,
        help_text=_(
            "The letters that start this member's commitment ids, as OGP writes them (PE in PE0008, "
            "UK for the United Kingdom, PNG): OGP's own, not always an ISO code."
        ),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NATIONAL)
    country = models.ForeignKey(
        "self",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="local_members",
        limit_choices_to={"kind": "national"},
        help_text=_("For a local member: the nation it belongs to."),
    )
    joined_on = models.DateField(_("joined OGP on"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("OGP member")
        verbose_name_plural = _("OGP members")
        constraints = [
            models.UniqueConstraint(
                fields=["iso_alpha2"], condition=~Q(iso_alpha2=""), name="member_iso_alpha2_unique"
            ),
            models.CheckConstraint(
                condition=Q(kind="national", country__isnull=True)
                | Q(kind="local", country__isnull=False)
                | Q(kind="other"),
                name="member_local_has_country",
                violation_error_message=_(
                    "A local member belongs to a country; a nation does not."
                ),
            ),
            models.CheckConstraint(
                condition=Q(commitment_prefix__regex=r"^[A-Z]{2,6}$"),
                name="member_commitment_prefix_format",
            ),
            # Codes are typed in any case in addresses and filters (`/members/pe/`): stored in
            # upper case, two members can never differ only by case.
            models.CheckConstraint(
                condition=Q(code=Upper("code")) & Q(iso_alpha2=Upper("iso_alpha2")),
                name="member_codes_upper_case",
                violation_error_message=_("Write the OGP and ISO codes in capitals (PER, PE)."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name on pages, in the page's language ("Perú"); the API and data keep `name`."""
        return member_display_name(self.name, self.kind, self.iso_alpha2)


class OrganizationQuerySet(models.QuerySet):
    def by_key(self, typed: str) -> OrganizationQuerySet:
        """The organisation a slug typed in any case names (`MINJUS`): slugs are stored in
        lower case (a constraint), so one indexed match."""
        return self.filter(slug=typed.strip().lower())

    def matching(self, name: str, member: Member | None) -> OrganizationQuerySet:
        """Organisations known under `name` (any spelling registered as an alias) for a member."""
        key = normalize_name(name)
        return self.filter(
            Q(aliases__normalized=key) | Q(normalized_name=key), member=member
        ).distinct()

    def search(self, text: str) -> OrganizationQuerySet:
        """Organisations whose name, acronym or an alternative name match `text`, with
        `search_rank` (commitments.search.matching)."""
        from commitments.search.matching import search_organizations

        return search_organizations(self, text)


class Organization(VersionedModel):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government office")
        LEGISLATURE = "legislature", _("Legislature")
        JUDICIARY = "judiciary", _("Judiciary")
        AUTONOMOUS = "autonomous", _("Autonomous body")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        PRIVATE_SECTOR = "private_sector", _("Private sector")
        ACADEMIA = "academia", _("Academia")
        INTERNATIONAL = "international", _("International or multilateral")
        OTHER = "other", _("Other")
        UNKNOWN = "unknown", _("Not known")

    name = models.CharField(_("name"), max_length=1000)
    normalized_name = models.CharField(max_length=1000, editable=False, db_index=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.GOVERNMENT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("OGP member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
    )
    website = models.URLField(_("website"), blank=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="organization_not_own_parent"
            ),
            # Slugs are typed in any case in addresses and filters: stored in lower case, two
            # organisations can never differ only by case.
            models.CheckConstraint(
                condition=Q(slug=Lower("slug")),
                name="organization_slug_lower_case",
                violation_error_message=_("Write the slug in lower case (minjus, not MINJUS)."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def clean(self) -> None:
        self.normalized_name = normalize_name(self.name)

    @staticmethod
    def unique_slug(name: str, acronym: str = "", *, taken: set[str]) -> str:
        """A stable slug for a new organisation, suffixed until it is not in `taken` (every slug
        in use: the database's and those of organisations about to be created)."""
        base = slugify(f"{name} {acronym}".strip())[:100] or "organization"
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        return candidate


class OrganizationAlias(models.Model):
    """Another spelling of an organisation's name ("Secretaria de Gestion Publica", "SGP")."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("alternative name"), max_length=1000)
    normalized = models.CharField(max_length=1000, editable=False, db_index=True)

    class Meta:
        verbose_name = _("alternative name")
        verbose_name_plural = _("alternative names")
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "normalized"], name="alias_unique_per_org"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.normalized = normalize_name(self.name)


def public_name(user) -> str:
    """How a person is named on public pages, feeds, emails and API answers: their full name,
    never their login name (an account credential); without a full name, "a registered user"."""
    return public_name_of(user.first_name, user.last_name)


def public_name_of(first_name: str, last_name: str) -> str:
    """`public_name` from a user's first and last names (rows read from `.values_list()`)."""
    from django.utils.translation import gettext

    return f"{first_name} {last_name}".strip() or gettext("a registered user")


def public_author(report: Any) -> str:
    """Who wrote a report, as feeds and emails name them: the author's public name, then the
    organisation recorded with the report, if any, in brackets."""
    name = public_name(report.author)
    if report.author_organization is not None:
        return f"{name} ({report.author_organization.name})"
    return name


class Profile(models.Model):
    """What a user is beyond Django's User: the organisation they work for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the emails this person gets; empty: the site's language."),
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(self.user)
