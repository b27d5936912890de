"""Filters of the public assessments list (strict, like commitments.api.filters)."""

from __future__ import annotations

from collections.abc import Iterable

import django_filters as filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from commitments.api.strict_filters import (
    CodeFilter,
    MemberScopedMixin,
    StrictBooleanFilter,
    StrictFilterSet,
    commitment_by_id,
    country_filter,
    member_filter,
    organization_by_slug,
    plan_by_id,
)
from commitments.models import ActionPlan, Commitment, CompletionLevel, Organization
from reviews.models import Assessment, IRMReport


class AssessmentFilter(MemberScopedMixin, StrictFilterSet):
    member = member_filter(_("An OGP member by OGP code (PER) or ISO alpha-2 code (PE)."))
    country = country_filter()
    action_plan = CodeFilter(
        method="filter_action_plan",
        resolve=plan_by_id,
        unknown=_("No action plan with the id %(value)s."),
        help_text=_("An action plan by OGP id, e.g. AP_PER01."),
    )
    commitment = CodeFilter(
        method="filter_commitment",
        resolve=commitment_by_id,
        unknown=_("No commitment with the id %(value)s."),
        help_text=_("A commitment by OGP id, e.g. PE0008."),
    )
    organization = CodeFilter(
        method="filter_organization",
        resolve=organization_by_slug,
        unknown=_("No organisation with the slug %(value)s."),
        help_text=_(
            "Assessments of commitments an organisation (slug) leads, supports or monitors."
        ),
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
    ordering = filters.OrderingFilter(
        fields=(("pk", "id"), ("updated_at", "updated_at"), ("commitment__ogp_id", "commitment")),
        help_text=_("Sort by a field; prefix with - for descending."),
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
