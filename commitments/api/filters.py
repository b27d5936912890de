"""Filters of the public lists of members, plans, organisations and commitments, built from the
strict pieces in `commitments.api.strict_filters`: a bad or unknown value is a 400 naming the
parameter.

Filters that reach another table use `pk IN (subquery)` rather than joins, so the paginator's count
stays on the bare table and no `DISTINCT` is needed (see PERF-NOTES).
Text search (`q`) on commitments is Commitment.objects.search (commitments/search/matching.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import attrgetter
from typing import Any, ClassVar

import django_filters as filters
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError

from commitments.figures.as_of import CommitmentLevels, at_levels
from commitments.figures.values import DEFAULT_IRM_REPORT
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
from commitments.search.matching import every_word, with_folded

from .strict_filters import (
    MemberScopedMixin,
    StrictBooleanFilter,
    StrictFilterSet,
    code_filter,
    country_filter,
    member_filter,
    ordering_filter,
    plan_filter,
    text_filter,
)

COMPLETION_CHOICES = [(NO_DATA, _("No data")), *CompletionLevel.choices]  # as level_label says


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


def completion_filter(field: str, track: str, help_text: Any = None) -> filters.ChoiceFilter:
    return filters.ChoiceFilter(
        field_name=field,
        choices=COMPLETION_CHOICES,
        method="filter_completion",
        help_text=help_text
        or _(
            "Completion on the %(track)s track, today's or, with as_of or irm_report, as it stood "
            "then; no_data for not yet rated."
        )
        % {"track": track},
    )


class SearchedByQ:
    """`q` through the model's own `QuerySet.search` (blank: every row)."""

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value) if value.strip() else queryset


class CommitmentFilter(SearchedByQ, MemberScopedMixin, StrictFilterSet):
    member = member_filter(_("An OGP member by OGP code (PER) or ISO alpha-2 code (PE)."))
    country = country_filter()
    action_plan = plan_filter(_("An action plan by OGP id, e.g. AP_PER01."))
    organization = code_filter(
        "organization",
        "filter_organization",
        _(
            "An organisation (by slug) with any role in the commitment: lead, co-lead, "
            "supporting or monitoring."
        ),
    )
    monitored_by = code_filter(
        "organization",
        "filter_monitored_by",
        _("A civil-society organisation (by slug) that monitors the commitment."),
    )
    ogp_value = filters.ChoiceFilter(
        choices=OGPValue.choices, method="filter_ogp_value", help_text=_("An OGP value.")
    )
    policy_area = code_filter("policy_area", "filter_policy_area", _("A policy area by slug."))
    irm_completion = completion_filter("irm_completion", "IRM")
    government_completion = completion_filter("government_completion", "government")
    civil_society_completion = completion_filter("self_reported_completion", "civil society")
    self_reported_completion = completion_filter(
        "self_reported_completion",
        "civil society",
        _("Deprecated alias of civil_society_completion, kept for one release."),
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
    q = text_filter(
        _(
            "Words in the id, titles, full text or milestones, accent- and case-blind (on "
            "PostgreSQL also stemmed in Spanish and English, and typo-tolerant)."
        )
    )
    ordering = ordering_filter(
        ("ogp_id", "ogp_id"),
        ("updated_at", "updated_at"),
        ("start_date", "start_date"),
        ("end_date", "end_date"),
        ("action_plan__ogp_id", "action_plan"),
        ("irm_completion", "irm_completion"),
        ("self_reported_completion", "civil_society_completion"),
        ("government_completion", "government_completion"),
        kind=LevelOrderingFilter,
    )

    class Meta:
        model = Commitment
        fields: list[str] = []

    # What each filter on a level reads of a commitment's levels from the records
    # (commitments.figures.as_of.CommitmentLevels), when ?as_of= or ?irm_report= asks for them.
    LEVELS_FROM_RECORDS: ClassVar[dict[str, Callable[[CommitmentLevels], Any]]] = {
        "irm_completion": attrgetter("irm"),
        "government_completion": attrgetter("government"),
        "civil_society_completion": attrgetter("self_reported"),
        "self_reported_completion": attrgetter("self_reported"),
        "starred": attrgetter("irm_starred"),
        "tracks_disagree": lambda levels: Commitment.levels_disagree(
            levels.self_reported, levels.government, levels.irm
        ),
    }

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        """With ?as_of= or ?irm_report= (given with the filters, as the API's lists, downloads and
        figures are), the filters on a level keep the commitments at that level as they stood
        that day on that basis, as the rows and figures then show them, not today's."""
        from commitments.figures.api import day_in, irm_report_in

        day, irm_report = day_in(self.data, "as_of"), irm_report_in(self.data)
        if day is None and irm_report is None:
            return super().filter_queryset(queryset)
        asked = {field.lstrip("-") for field in self.form.cleaned_data.get("ordering") or []}
        if asked & set(self.LEVELS_FROM_RECORDS):
            raise ValidationError(
                {
                    "ordering": [
                        _(
                            "With as_of or irm_report, order by another field: a level orders "
                            "by today's levels."
                        )
                    ]
                }
            )
        wanted = {
            name: self.form.cleaned_data.pop(name)
            for name in self.LEVELS_FROM_RECORDS
            if self.form.cleaned_data.get(name) not in (None, "")
        }
        queryset = super().filter_queryset(queryset)
        if not wanted:
            return queryset
        expected = {name: "" if value == NO_DATA else value for name, value in wanted.items()}
        return at_levels(
            queryset,
            lambda levels: all(
                self.LEVELS_FROM_RECORDS[name](levels) == value for name, value in expected.items()
            ),
            day=day,
            irm_report=irm_report or DEFAULT_IRM_REPORT,
        )

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


class CommitmentGroupFilter(CommitmentFilter):
    """The commitment filters of the figures per group: every one but `ordering` (the groups come
    in their own order)."""

    ordering = None


class ActionPlanFilter(SearchedByQ, MemberScopedMixin, StrictFilterSet):
    member = member_filter(_("An OGP member by OGP code (PER) or ISO alpha-2 code (PE)."))
    country = country_filter()
    status = filters.ChoiceFilter(
        choices=ActionPlan.Status.choices,
        method="filter_status",
        help_text=_("Plan status today, as each row gives it (read with the plan's dates)."),
    )
    q = text_filter(_("Words in the id or title, accent- and case-blind."))
    ordering = ordering_filter(
        ("ogp_id", "ogp_id"),
        ("start_date", "start_date"),
        ("end_date", "end_date"),
        ("updated_at", "updated_at"),
    )

    class Meta:
        model = ActionPlan
        fields: list[str] = []

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.in_status(value, day=timezone.localdate())


class PerPlanFilter(ActionPlanFilter):
    """The plans' filters and one plan by OGP id, for the lists with a row per plan."""

    action_plan = plan_filter()

    def filter_action_plan(self, queryset: QuerySet, name: str, plan: ActionPlan) -> QuerySet:
        return queryset.filter(pk=plan.pk)


class MemberFilter(MemberScopedMixin, StrictFilterSet):
    kind = filters.ChoiceFilter(choices=Member.Kind.choices, help_text=_("national or local."))
    country = country_filter()
    q = text_filter(_("Words in the name, accent- and case-blind."))
    ordering = ordering_filter(("code", "code"), ("name", "name"), ("updated_at", "updated_at"))

    member_field = "pk"

    class Meta:
        model = Member
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return with_folded(queryset, "name").filter(every_word((), value, folded=("name_folded",)))


class OrganizationFilter(SearchedByQ, MemberScopedMixin, StrictFilterSet):
    member = member_filter(_("Organisations of an OGP member, by OGP or ISO alpha-2 code."))
    country = country_filter()
    kind = filters.ChoiceFilter(choices=Organization.Kind.choices, help_text=_("Kind."))
    q = text_filter(
        _(
            "Words in the name, acronym or an alternative name, accent- and case-blind (typos "
            "too on PostgreSQL)."
        )
    )
    ordering = ordering_filter(("name", "name"), ("slug", "slug"), ("updated_at", "updated_at"))

    class Meta:
        model = Organization
        fields: list[str] = []
