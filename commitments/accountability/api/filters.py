"""Filters of the accountability lists: each reaches its plan (member, action_plan) in its own way."""

from __future__ import annotations

import django_filters as filters
from django.utils.translation import gettext_lazy as _

from commitments.models import (
    ConsultationEvent,
    IAP2Level,
    Indicator,
    IndicatorReading,
    Phase,
    PlanProcess,
    Proposal,
)

from ...api.strict_filters import CommitmentScopedFilter, PlanScopedFilter, StrictBooleanFilter


class IndicatorFilter(CommitmentScopedFilter):
    class Meta:
        model = Indicator
        fields: list[str] = []


class IndicatorReadingFilter(CommitmentScopedFilter):
    via = ("indicator", Indicator)
    indicator = filters.NumberFilter(field_name="indicator_id", help_text=_("An indicator by id."))

    class Meta:
        model = IndicatorReading
        fields: list[str] = []


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
