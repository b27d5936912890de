"""Filters of the accountability lists: each reaches its plan (member, action_plan) in its own way."""

from __future__ import annotations

import django_filters as filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from commitments.models import (
    Commitment,
    ConsultationEvent,
    IAP2Level,
    Indicator,
    IndicatorReading,
    Phase,
    PlanProcess,
    Proposal,
)

from ..filters import PlanScopedFilter, StrictBooleanFilter, commitment_filter


class IndicatorFilter(PlanScopedFilter):
    plan_field = "commitment__action_plan_id"
    commitment = commitment_filter()

    class Meta:
        model = Indicator
        fields: list[str] = []

    def _plans(self, queryset: QuerySet, plans: QuerySet) -> QuerySet:
        return queryset.filter(
            commitment_id__in=Commitment.objects.filter(action_plan__in=plans).values("pk")
        )

    def filter_commitment(self, queryset: QuerySet, name: str, commitment: Commitment) -> QuerySet:
        return queryset.filter(commitment_id=commitment.pk)


class IndicatorReadingFilter(PlanScopedFilter):
    commitment = commitment_filter()
    indicator = filters.NumberFilter(field_name="indicator_id", help_text=_("An indicator by id."))

    class Meta:
        model = IndicatorReading
        fields: list[str] = []

    def _plans(self, queryset: QuerySet, plans: QuerySet) -> QuerySet:
        return queryset.filter(
            indicator_id__in=Indicator.objects.filter(commitment__action_plan__in=plans).values(
                "pk"
            )
        )

    def filter_commitment(self, queryset: QuerySet, name: str, commitment: Commitment) -> QuerySet:
        return queryset.filter(
            indicator_id__in=Indicator.objects.filter(commitment_id=commitment.pk).values("pk")
        )


class ProposalFilter(PlanScopedFilter):
    outcome = filters.ChoiceFilter(
        choices=Proposal.Outcome.choices, help_text=_("What became of the proposal.")
    )
    priority = StrictBooleanFilter(
        field_name="priority", help_text=_("Marked as a priority by its proposers (true/false).")
    )
    by_civil_society = StrictBooleanFilter(
        field_name="by_civil_society", help_text=_("Proposed by civil society (true/false).")
    )

    class Meta:
        model = Proposal
        fields: list[str] = []


class ConsultationEventFilter(PlanScopedFilter):
    phase = filters.ChoiceFilter(
        choices=Phase.choices, help_text=_("development or implementation.")
    )

    class Meta:
        model = ConsultationEvent
        fields: list[str] = []


class PlanProcessFilter(PlanScopedFilter):
    development_level = filters.ChoiceFilter(
        field_name="irm_development_level",
        choices=IAP2Level.choices,
        help_text=_("IAP2 level during development, as the IRM recorded it."),
    )

    class Meta:
        model = PlanProcess
        fields: list[str] = []
