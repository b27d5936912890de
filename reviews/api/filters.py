"""Filters of the public assessments list (strict, like commitments.api.filters)."""

from __future__ import annotations

from collections.abc import Iterable

import django_filters as filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from commitments.api.strict_filters import (
    MemberScopedMixin,
    StrictBooleanFilter,
    StrictFilterSet,
    code_filter,
    commitment_filter,
    country_filter,
    member_filter,
    ordering_filter,
    plan_filter,
)
from commitments.models import ActionPlan, Commitment, CompletionLevel, Organization
from reviews.models import Assessment, IRMReport


class AssessmentFilter(MemberScopedMixin, StrictFilterSet):
    member = member_filter(_("An OGP member by OGP code (PER) or ISO alpha-2 code (PE)."))
    country = country_filter()
    action_plan = plan_filter(_("An action plan by OGP id, e.g. AP_PER01."))
    commitment = commitment_filter()
    organization = code_filter(
        "organization",
        "filter_organization",
        _("Assessments of commitments an organisation (slug) leads, supports or monitors."),
    )
    completion = filters.ChoiceFilter(
        choices=CompletionLevel.choices, help_text=_("The IRM's completion level.")
    )
    starred = StrictBooleanFilter(field_name="starred", help_text=_("Starred (true or false)."))
    report_kind = filters.ChoiceFilter(
        field_name="report__kind",
        choices=IRMReport.Kind.choices,
        help_text=_("The kind of IRM report."),
    )
    ordering = ordering_filter(
        ("pk", "id"), ("updated_at", "updated_at"), ("commitment__ogp_id", "commitment")
    )

    class Meta:
        model = Assessment
        fields: list[str] = []

    def of_members(self, queryset: QuerySet, members: Iterable[int] | QuerySet) -> QuerySet:
        plans = ActionPlan.objects.filter(member__in=members).values("pk")
        return queryset.filter(report__in=IRMReport.objects.filter(action_plan__in=plans))

    def filter_action_plan(self, queryset: QuerySet, name: str, plan: ActionPlan) -> QuerySet:
        return queryset.filter(report__in=IRMReport.objects.filter(action_plan=plan))

    def filter_commitment(self, queryset: QuerySet, name: str, commitment: Commitment) -> QuerySet:
        return queryset.filter(commitment_id=commitment.pk)

    def filter_organization(
        self, queryset: QuerySet, name: str, organization: Organization
    ) -> QuerySet:
        involved = Commitment.objects.involving(organization)
        return queryset.filter(commitment_id__in=involved.values("pk"))
