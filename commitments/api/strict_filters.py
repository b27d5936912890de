"""The pieces every public list's FilterSet is built from. Strict: a bad, unknown or empty value is
a 400 naming the parameter, never silently ignored. Objects are named by their public code (OGP
code, OGP id, slug) and resolved in one query; records of a member, a plan or a commitment are
reached through `pk IN (subquery)`, not joins (see `commitments.api.filters`)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

import django_filters as filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import extend_schema_field

from commitments.models import ActionPlan, Commitment, Member, Organization, PolicyArea

MAX_TEXT = 200
# A public code (OGP code, OGP id, slug) is at most as long as the longest: an organisation's slug,
# made from its name and acronym.
CODE_LENGTH = Organization._meta.get_field("slug").max_length
CODE_CHARACTERS = rf"[A-Za-z0-9_\-]{{1,{CODE_LENGTH}}}"
CODE_PATTERN = rf"^{CODE_CHARACTERS}$"


class ResolvedField(forms.CharField):
    """A code typed by the user, turned into the object it names (one query) or a clear error."""

    def __init__(self, *, resolve: Callable[[str], Any], unknown: str, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", CODE_LENGTH)
        super().__init__(**kwargs)
        self.resolve = resolve
        self.unknown = unknown

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        if value in (None, ""):
            return None
        found = self.resolve(value)
        if found is None:
            # The value goes in params, not into the message: django-filters formats the message
            # with its params once more, so a typed "%" would otherwise be a 500.
            raise ValidationError(self.unknown, code="unknown", params={"value": value})
        return found


class StrictBooleanField(forms.Field):
    """true/false (also 1/0); anything else is an error, not silently ignored."""

    values = {"true": True, "1": True, "false": False, "0": False}

    def to_python(self, value: Any) -> bool | None:
        if value in (None, ""):
            return None
        try:
            return self.values[str(value).strip().lower()]
        except KeyError:
            raise ValidationError(_("Give true or false."), code="invalid") from None


class DescribedSchemaMixin:
    """Documents the filter with a fixed OpenAPI schema plus its own help text.

    (drf-spectacular drops the help text of filters whose schema is overridden per class.)"""

    schema: ClassVar[dict[str, Any]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        schema = dict(self.schema)
        if kwargs.get("help_text"):
            schema["description"] = kwargs["help_text"]
        extend_schema_field(schema)(self)


class StrictBooleanFilter(DescribedSchemaMixin, filters.Filter):
    field_class = StrictBooleanField
    schema: ClassVar[dict[str, Any]] = {"type": "boolean"}


class CodeFilter(DescribedSchemaMixin, filters.Filter):
    """A filter on an object named by its public code (OGP code, OGP id or slug)."""

    field_class = ResolvedField
    schema: ClassVar[dict[str, Any]] = {
        "type": "string",
        "pattern": CODE_PATTERN,
        "maxLength": CODE_LENGTH,
    }


class TextFilter(DescribedSchemaMixin, filters.CharFilter):
    schema: ClassVar[dict[str, Any]] = {"type": "string", "maxLength": MAX_TEXT}


def member_by_code(code: str) -> Member | None:
    return Member.objects.by_key(code).first()


def plan_by_id(ogp_id: str) -> ActionPlan | None:
    return ActionPlan.objects.select_related("member").by_key(ogp_id).first()


def organization_by_slug(slug: str) -> Organization | None:
    return Organization.objects.by_key(slug).first()


def area_by_slug(slug: str) -> PolicyArea | None:
    return PolicyArea.objects.filter(slug=slug.strip().lower()).first()


def commitment_by_id(ogp_id: str) -> Commitment | None:
    return Commitment.objects.by_key(ogp_id).only("pk").first()


class UTCDateTimeField(IsoDateTimeField):
    """An ISO 8601 date-time, turned to UTC (PostgreSQL refuses offsets past 15:59 that Python
    accepts), or a clear error when that leaves the years 1-9999."""

    # `2026-12-01T10:00:00+05:00` typed in an address arrives with a space for the `+`.
    PLUS_AS_SPACE = re.compile(r"(T\d\d:\d\d(?::\d\d(?:\.\d+)?)?) (\d\d(?::?\d\d)?)$")

    def clean(self, value: Any) -> datetime.datetime | None:
        if isinstance(value, str):
            value = self.PLUS_AS_SPACE.sub(r"\1+\2", value.strip(), count=1)
        cleaned = super().clean(value)
        if cleaned is None:
            return None
        try:
            return cleaned.astimezone(datetime.UTC)
        except (OverflowError, ValueError):
            raise ValidationError(
                _("Give a date-time between the years 1 and 9999."), code="invalid"
            ) from None


class UTCDateTimeFilter(filters.IsoDateTimeFilter):
    field_class = UTCDateTimeField


class StrictFilterSet(filters.FilterSet):
    """A parameter given with an empty value is an error, not ignored (except free text)."""

    allow_empty: ClassVar[frozenset[str]] = frozenset({"q"})

    updated_since = UTCDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text=_("Only records changed at or after this ISO 8601 date-time."),
    )

    @classmethod
    def unknown_parameters(cls, names: Iterable[str]) -> list[str]:
        """The names among `names` that are none of this FilterSet's filters, sorted: the API
        refuses them, a list page leaves them out and says so."""
        return sorted(set(names) - set(cls.base_filters))

    def is_valid(self) -> bool:
        valid = super().is_valid()
        # A value that is none of the choices names them (Django's message only says it is not
        # one of them).
        for name, errors in self.form.errors.as_data().items():
            choices = getattr(self.form.fields.get(name), "choices", None)
            if choices and any(error.code == "invalid_choice" for error in errors):
                offered = ", ".join(str(value) for value, _label in choices if value != "")
                self.form.errors[name] = self.form.error_class([_("Choose one of: %s.") % offered])
        for name, declared in self.filters.items():
            if name in self.allow_empty or name not in self.data:
                continue
            raw = self.data[name]
            empty = raw == "" or (
                isinstance(declared, filters.filters.BaseCSVFilter) and "" in raw.split(",")
            )
            if empty:
                self.form.add_error(name, _("Give a value, or leave the parameter out."))
                valid = False
        return valid


class MemberScopedMixin:
    """The `member` and `country` filter methods (member_filter(), country_filter()) of a FilterSet:
    one member, or a nation with its local members. A FilterSet whose rows do not carry
    `member_field` overrides `of_members` with its own subquery."""

    member_field: ClassVar[str] = "member_id"

    def of_members(self, queryset: QuerySet, members: Iterable[int] | QuerySet) -> QuerySet:
        """The rows belonging to these members (ids, or a QuerySet of ids)."""
        return queryset.filter(**{f"{self.member_field}__in": members})

    def filter_member(self, queryset: QuerySet, name: str, member: Member) -> QuerySet:
        return self.of_members(queryset, [member.pk])

    def filter_country(self, queryset: QuerySet, name: str, member: Member) -> QuerySet:
        return self.of_members(queryset, Member.objects.in_country(member).values("pk"))


# What a CodeFilter can name: how to find it by its code, and the error when nothing has that code.
NAMED_BY_CODE: dict[str, tuple[Callable[[str], Any], Any]] = {
    "member": (member_by_code, _("No OGP member with the code %(value)s.")),
    "plan": (plan_by_id, _("No action plan with the id %(value)s.")),
    "organization": (organization_by_slug, _("No organisation with the slug %(value)s.")),
    "policy_area": (area_by_slug, _("No policy area with the slug %(value)s.")),
    "commitment": (commitment_by_id, _("No commitment with the id %(value)s.")),
}


def code_filter(names: str, method: str, help_text: Any, unknown: Any = None) -> CodeFilter:
    """A filter on what a code names (`names`: a key of NAMED_BY_CODE), applied by `method`;
    `unknown`, where given, is the error in place of NAMED_BY_CODE's."""
    resolve, default_unknown = NAMED_BY_CODE[names]
    return CodeFilter(
        method=method, resolve=resolve, unknown=unknown or default_unknown, help_text=help_text
    )


def member_filter(help_text: Any) -> CodeFilter:
    return code_filter("member", "filter_member", help_text)


def country_filter() -> CodeFilter:
    return code_filter(
        "member",
        "filter_country",
        _("A nation by OGP or ISO alpha-2 code, together with its local members."),
    )


def plan_filter(help_text: Any = None) -> CodeFilter:
    return code_filter(
        "plan", "filter_action_plan", help_text or _("An action plan by OGP id, e.g. AP_PER02.")
    )


def commitment_filter() -> CodeFilter:
    return code_filter("commitment", "filter_commitment", _("A commitment by OGP id, e.g. PE0008."))


def text_filter(help_text: Any) -> TextFilter:
    """The free-text `q` parameter, read by the FilterSet's `filter_q`."""
    return TextFilter(method="filter_q", max_length=MAX_TEXT, help_text=help_text)


def ordering_filter(
    *fields: tuple[str, str], kind: type[filters.OrderingFilter] = filters.OrderingFilter
) -> filters.OrderingFilter:
    """The `ordering` parameter over (field, parameter name) pairs."""
    return kind(fields=fields, help_text=_("Sort by a field; prefix with - for descending."))


class PlanScopedFilter(MemberScopedMixin, StrictFilterSet):
    """member and action_plan filters for a model that reaches its plan through `plan_field`."""

    plan_field: ClassVar[str] = "action_plan_id"
    member = member_filter(_("An OGP member by OGP code (PER) or ISO alpha-2 code (PE)."))
    action_plan = plan_filter()

    def _plans(self, queryset: QuerySet, plans: QuerySet) -> QuerySet:
        return queryset.filter(**{f"{self.plan_field}__in": plans.values("pk")})

    def of_members(self, queryset: QuerySet, members: Iterable[int] | QuerySet) -> QuerySet:
        return self._plans(queryset, ActionPlan.objects.filter(member__in=members))

    def filter_action_plan(self, queryset: QuerySet, name: str, plan: ActionPlan) -> QuerySet:
        return self._plans(queryset, ActionPlan.objects.filter(pk=plan.pk))


class CommitmentScopedFilter(PlanScopedFilter):
    """member, action_plan and commitment filters for records of a commitment: by their `commitment`
    foreign key, or through `via` (foreign key, model), the record they belong to (an indicator, a
    milestone)."""

    commitment = commitment_filter()
    via: ClassVar[tuple[str, type[Model]] | None] = None

    def _plans(self, queryset: QuerySet, plans: QuerySet) -> QuerySet:
        if self.via is None:
            return queryset.filter(
                commitment_id__in=Commitment.objects.filter(action_plan__in=plans).values("pk")
            )
        field, model = self.via
        through = model._default_manager.filter(commitment__action_plan__in=plans)
        return queryset.filter(**{f"{field}_id__in": through.values("pk")})

    def filter_commitment(self, queryset: QuerySet, name: str, commitment: Commitment) -> QuerySet:
        if self.via is None:
            return queryset.filter(commitment_id=commitment.pk)
        field, model = self.via
        through = model._default_manager.filter(commitment_id=commitment.pk)
        return queryset.filter(**{f"{field}_id__in": through.values("pk")})
