"""Filters of the public lists. Strict: a bad or unknown value is a 400 naming the parameter.

Filters that reach another table use `pk IN (subquery)` rather than joins, so the paginator's count
stays on the bare table and no `DISTINCT` is needed (see PERF-NOTES).
Text search (`q`) on commitments is Commitment.objects.search (commitments/search.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import Any, ClassVar

import django_filters as filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Case, IntegerField, Model, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField
from drf_spectacular.utils import extend_schema_field

from commitments.models import (
    ActionPlan,
    Commitment,
    CompletionLevel,
    Member,
    OGPValue,
    Organization,
    PolicyArea,
)
from commitments.models.vocab import NO_DATA, OGP_VALUE_FIELDS
from commitments.search import every_word, with_folded

MAX_TEXT = 200
CODE_PATTERN = r"^[A-Za-z0-9_\-]{1,40}$"
COMPLETION_CHOICES = [(NO_DATA, _("No data yet")), *CompletionLevel.choices]


class ResolvedField(forms.CharField):
    """A code typed by the user, turned into the object it names (one query) or a clear error."""

    def __init__(self, *, resolve: Callable[[str], Any], unknown: str, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 40)
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
    schema: ClassVar[dict[str, Any]] = {"type": "string", "pattern": CODE_PATTERN, "maxLength": 40}


class TextFilter(DescribedSchemaMixin, filters.CharFilter):
    schema: ClassVar[dict[str, Any]] = {"type": "string", "maxLength": MAX_TEXT}


def member_by_code(code: str) -> Member | None:
    return Member.objects.by_code(code).first()


def plan_by_id(ogp_id: str) -> ActionPlan | None:
    return ActionPlan.objects.filter(ogp_id=ogp_id.strip().upper()).first()


def organization_by_slug(slug: str) -> Organization | None:
    return Organization.objects.filter(slug=slug.strip().lower()).first()


def area_by_slug(slug: str) -> PolicyArea | None:
    return PolicyArea.objects.filter(slug=slug.strip().lower()).first()


def commitment_by_id(ogp_id: str) -> Commitment | None:
    return Commitment.objects.filter(ogp_id=ogp_id.strip().upper()).only("pk").first()


def member_filter(help_text: str) -> CodeFilter:
    return CodeFilter(
        method="filter_member",
        resolve=member_by_code,
        unknown=_("No OGP member with the code %(value)s."),
        help_text=help_text,
    )


def country_filter() -> CodeFilter:
    return CodeFilter(
        method="filter_country",
        resolve=member_by_code,
        unknown=_("No OGP member with the code %(value)s."),
        help_text=_("A nation by OGP or ISO alpha-2 code, together with its local members."),
    )


class UTCDateTimeField(IsoDateTimeField):
    """An ISO 8601 date-time, turned to UTC (PostgreSQL refuses offsets past 15:59 that Python
    accepts), or a clear error when that leaves the years 1-9999."""

    def clean(self, value: Any) -> datetime.datetime | None:
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

    def is_valid(self) -> bool:
        valid = super().is_valid()
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


# Completion levels sorted least to most done; withdrawn and unclear say nothing about progress and
# sort below everything, so a descending sort starts with complete (not with "withdrawn").
LEVEL_ORDER = ("withdrawn", "unclear", "", "no_evidence", "not_started", "limited", "substantial")


class LevelOrderingFilter(filters.OrderingFilter):
    """Ordering where completion levels sort by how done they are, not alphabetically."""

    level_fields = frozenset(
        {"irm_completion", "self_reported_completion", "government_completion"}
    )
    # Deprecated parameter names still accepted for one release: old name -> the field it sorts by
    # (a name param_map does not know is taken as the field itself).
    aliases: ClassVar[dict[str, str]] = {"self_reported_completion": "self_reported_completion"}

    def build_choices(self, fields: Any, labels: Any) -> list[tuple[str, Any]]:
        choices = super().build_choices(fields, labels)
        for old in self.aliases:
            choices += [(old, old), (f"-{old}", f"-{old}")]
        return choices

    def get_ordering_value(self, param: str) -> Any:
        bare = param.lstrip("-")
        if bare in self.aliases:
            param = param.replace(bare, self.aliases[bare], 1)
        value = super().get_ordering_value(param)
        field = value.lstrip("-")
        if field not in self.level_fields:
            return value
        rank = Case(
            *(When(**{field: level}, then=Value(n)) for n, level in enumerate(LEVEL_ORDER)),
            default=Value(len(LEVEL_ORDER)),  # complete
            output_field=IntegerField(),
        )
        return rank.desc() if value.startswith("-") else rank.asc()


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


def completion_filter(field: str, track: str) -> filters.ChoiceFilter:
    return filters.ChoiceFilter(
        field_name=field,
        choices=COMPLETION_CHOICES,
        method="filter_completion",
        help_text=_("Current completion on the %(track)s track; no_data for not yet rated.")
        % {"track": track},
    )


def plan_filter() -> CodeFilter:
    return CodeFilter(
        method="filter_action_plan",
        resolve=plan_by_id,
        unknown=_("No action plan with the id %(value)s."),
        help_text=_("An action plan by OGP id, e.g. AP_PER02."),
    )


def commitment_filter() -> CodeFilter:
    return CodeFilter(
        method="filter_commitment",
        resolve=commitment_by_id,
        unknown=_("No commitment with the id %(value)s."),
        help_text=_("A commitment by OGP id, e.g. PE0008."),
    )


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


class CommitmentFilter(MemberScopedMixin, StrictFilterSet):
    member = member_filter(_("An OGP member by OGP code (PER) or ISO alpha-2 code (PE)."))
    country = country_filter()
    action_plan = CodeFilter(
        method="filter_action_plan",
        resolve=plan_by_id,
        unknown=_("No action plan with the id %(value)s."),
        help_text=_("An action plan by OGP id, e.g. AP_PER01."),
    )
    organization = CodeFilter(
        method="filter_organization",
        resolve=organization_by_slug,
        unknown=_("No organisation with the slug %(value)s."),
        help_text=_(
            "An organisation (by slug) with any role in the commitment: lead, co-lead, "
            "supporting or monitoring."
        ),
    )
    monitored_by = CodeFilter(
        method="filter_monitored_by",
        resolve=organization_by_slug,
        unknown=_("No organisation with the slug %(value)s."),
        help_text=_("A civil-society organisation (by slug) that monitors the commitment."),
    )
    ogp_value = filters.ChoiceFilter(
        choices=OGPValue.choices, method="filter_ogp_value", help_text=_("An OGP value.")
    )
    policy_area = CodeFilter(
        method="filter_policy_area",
        resolve=area_by_slug,
        unknown=_("No policy area with the slug %(value)s."),
        help_text=_("A policy area by slug."),
    )
    irm_completion = completion_filter("irm_completion", "IRM")
    government_completion = completion_filter("government_completion", "government")
    civil_society_completion = completion_filter("self_reported_completion", "civil society")
    self_reported_completion = filters.ChoiceFilter(
        field_name="self_reported_completion",
        choices=COMPLETION_CHOICES,
        method="filter_completion",
        help_text=_("Deprecated alias of civil_society_completion, kept for one release."),
    )
    tracks_disagree = StrictBooleanFilter(
        method="filter_tracks_disagree",
        help_text=_(
            "Where two of the three tracks disagree: one says substantial or complete, another "
            "not started or limited (true or false)."
        ),
    )
    starred = StrictBooleanFilter(
        field_name="irm_starred", help_text=_("Starred by the IRM (true or false).")
    )
    overdue = StrictBooleanFilter(
        method="filter_overdue",
        help_text=_("With a milestone past its due date and not met (true or false)."),
    )
    q = TextFilter(
        method="filter_q",
        max_length=MAX_TEXT,
        help_text=_(
            "Words in the id, titles, full text or milestones, accent- and case-blind (on "
            "PostgreSQL also stemmed in Spanish and English, and typo-tolerant)."
        ),
    )
    ordering = LevelOrderingFilter(
        fields=(
            ("ogp_id", "ogp_id"),
            ("updated_at", "updated_at"),
            ("start_date", "start_date"),
            ("end_date", "end_date"),
            ("action_plan__ogp_id", "action_plan"),
            ("irm_completion", "irm_completion"),
            ("self_reported_completion", "civil_society_completion"),
            ("government_completion", "government_completion"),
        ),
        help_text=_("Sort by a field; prefix with - for descending."),
    )

    class Meta:
        model = Commitment
        fields: list[str] = []

    def of_members(self, queryset: QuerySet, members: Iterable[int] | QuerySet) -> QuerySet:
        # A subquery on plans, not a join: the paginator's count stays on the bare table.
        return queryset.filter(
            action_plan_id__in=ActionPlan.objects.filter(member__in=members).values("pk")
        )

    def filter_action_plan(self, queryset: QuerySet, name: str, plan: ActionPlan) -> QuerySet:
        return queryset.filter(action_plan_id=plan.pk)

    def filter_organization(
        self, queryset: QuerySet, name: str, organization: Organization
    ) -> QuerySet:
        return queryset.involving(organization)

    def filter_monitored_by(
        self, queryset: QuerySet, name: str, organization: Organization
    ) -> QuerySet:
        return queryset.monitored_by(organization)

    def filter_ogp_value(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(**{OGP_VALUE_FIELDS[value]: True})

    def filter_policy_area(self, queryset: QuerySet, name: str, area: PolicyArea) -> QuerySet:
        tagged = Commitment.policy_areas.through.objects.filter(policyarea_id=area.pk).values(
            "commitment_id"
        )
        return queryset.filter(pk__in=tagged)

    def filter_completion(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(**{name: "" if value == NO_DATA else value})

    def filter_tracks_disagree(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        return queryset.tracks_disagree() if value else queryset.tracks_agree()

    def filter_overdue(self, queryset: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return queryset
        late = queryset.with_overdue_milestones(timezone.localdate()).values("pk")
        return queryset.filter(pk__in=late) if value else queryset.exclude(pk__in=late)

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value) if value.strip() else queryset


class ActionPlanFilter(MemberScopedMixin, StrictFilterSet):
    member = member_filter(_("An OGP member by OGP code (PER) or ISO alpha-2 code (PE)."))
    country = country_filter()
    status = filters.ChoiceFilter(choices=ActionPlan.Status.choices, help_text=_("Plan status."))
    q = TextFilter(
        method="filter_q",
        max_length=MAX_TEXT,
        help_text=_("Words in the id or title, accent- and case-blind."),
    )
    ordering = filters.OrderingFilter(
        fields=(
            ("ogp_id", "ogp_id"),
            ("start_date", "start_date"),
            ("end_date", "end_date"),
            ("updated_at", "updated_at"),
        ),
        help_text=_("Sort by a field; prefix with - for descending."),
    )

    class Meta:
        model = ActionPlan
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value) if value.strip() else queryset


class MemberFilter(MemberScopedMixin, StrictFilterSet):
    kind = filters.ChoiceFilter(choices=Member.Kind.choices, help_text=_("national or local."))
    country = country_filter()
    q = TextFilter(
        method="filter_q",
        max_length=MAX_TEXT,
        help_text=_("Words in the name, accent- and case-blind."),
    )
    ordering = filters.OrderingFilter(
        fields=(("code", "code"), ("name", "name"), ("updated_at", "updated_at")),
        help_text=_("Sort by a field; prefix with - for descending."),
    )

    member_field = "pk"

    class Meta:
        model = Member
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return with_folded(queryset, "name").filter(every_word((), value, folded=("name_folded",)))


class OrganizationFilter(MemberScopedMixin, StrictFilterSet):
    member = member_filter(_("Organisations of an OGP member, by OGP or ISO alpha-2 code."))
    country = country_filter()
    kind = filters.ChoiceFilter(choices=Organization.Kind.choices, help_text=_("Kind."))
    q = TextFilter(
        method="filter_q",
        max_length=MAX_TEXT,
        help_text=_(
            "Words in the name, acronym or an alternative name, accent- and case-blind (typos "
            "too on PostgreSQL)."
        ),
    )
    ordering = filters.OrderingFilter(
        fields=(("name", "name"), ("slug", "slug"), ("updated_at", "updated_at")),
        help_text=_("Sort by a field; prefix with - for descending."),
    )

    class Meta:
        model = Organization
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value) if value.strip() else queryset
