"""Factories and fixtures for the accountability tests (indicators, proposals, warnings)."""

from __future__ import annotations

import datetime

import factory
import pytest

from commitments.models import (
    ConsultationEvent,
    Indicator,
    Organization,
    PlanProcess,
    Proposal,
)
from tests import factories


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    commitment = factory.SubFactory(factories.CommitmentFactory)
    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "%"
    baseline_value = 10
    baseline_date = datetime.date(2015, 1, 1)
    target_value = 80
    target_date = datetime.date(2016, 12, 31)
    data_source = "Informe de supervisión"
    method = "Revisión semestral"


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal
        skip_postgeneration_save = True

    action_plan = factory.SubFactory(factories.ActionPlanFactory)
    title = factory.Sequence(lambda n: f"Proposal {n}")
    outcome = Proposal.Outcome.ADOPTED

    @factory.post_generation
    def proposers(self, create: bool, extracted, **kwargs) -> None:
        if create and extracted:
            self.proposers.add(*extracted)


class ConsultationEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationEvent

    action_plan = factory.SubFactory(factories.ActionPlanFactory)
    phase = "development"
    kind = ConsultationEvent.Kind.WORKSHOP
    date = datetime.date(2015, 3, 1)
    place = "Lima"
    in_capital = True
    iap2_level = "consult"


def make_process(plan, offices=(), **kwargs) -> PlanProcess:
    process = PlanProcess.objects.create(action_plan=plan, **kwargs)
    process.responsible_organizations.set(offices)
    return process


@pytest.fixture
def civil_society_org(db) -> Organization:
    return factories.OrganizationFactory(kind=Organization.Kind.CIVIL_SOCIETY)
