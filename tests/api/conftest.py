"""Data for the public API tests: a small Peru-and-Chile world built with the factories."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from commitments.models import Commitment, Member
from reviews.models import IRMReport
from tests.factories import (
    ActionPlanFactory,
    AssessmentFactory,
    CommitmentFactory,
    IRMReportFactory,
    MemberFactory,
    OrganizationFactory,
    PolicyAreaFactory,
    StatusUpdateFactory,
)

# Peru's first plan at the IRM progress report: 48 commitments.
PERU_IRM_LEVELS = {
    "complete": 2,
    "substantial": 12,
    "limited": 19,
    "not_started": 9,
    "unclear": 4,
    "withdrawn": 2,
}


@pytest.fixture(autouse=True)
def _generous_throttle(monkeypatch):
    """Throttle rates are read when DRF loads; tests that check throttling set their own."""
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute"})
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "100000/minute"})


@dataclass
class World:
    peru: Member
    chile: Member
    lima: Member
    plan: object
    chile_plan: object
    lead: object
    helper: object
    area: object
    report: IRMReport


def make_commitments(plan, count: int, prefix: str, start: int = 1, **kwargs) -> list[Commitment]:
    return [
        CommitmentFactory(action_plan=plan, ogp_id=f"{prefix}{start + n:04d}", **kwargs)
        for n in range(count)
    ]


@pytest.fixture
def world(db) -> World:
    """Peru's plan 1 with the IRM's levels, a Chilean plan, a Lima local plan, organisations."""
    peru = MemberFactory(code="PER", iso_alpha2="PE", commitment_prefix="PE", name="Peru")
    chile = MemberFactory(code="CHL", iso_alpha2="CL", commitment_prefix="CL", name="Chile")
    lima = MemberFactory(
        code="LIM01",
        iso_alpha2="",
        commitment_prefix="LIM",
        name="Lima",
        kind=Member.Kind.LOCAL,
        country=peru,
    )
    plan = ActionPlanFactory(
        member=peru,
        number=1,
        ogp_id="AP_PER01",
        title="Plan de Acción de Gobierno Abierto 2012-2014",
        approval_date=datetime.date(2012, 4, 5),
    )
    chile_plan = ActionPlanFactory(member=chile, number=1, ogp_id="AP_CHL01")
    lima_plan = ActionPlanFactory(member=lima, number=1, ogp_id="AP_LIM0101")
    lead = OrganizationFactory(name="Secretaría de Gestión Pública", slug="sgp", member=peru)
    helper = OrganizationFactory(name="Defensoría del Pueblo", slug="defensoria", member=peru)
    area = PolicyAreaFactory(slug="access-to-information", name="Access to information")
    report = IRMReportFactory(action_plan=plan, published_on=datetime.date(2014, 3, 1))

    number = 1
    for level, count in PERU_IRM_LEVELS.items():
        for commitment in make_commitments(
            plan, count, "PE", start=number, lead_organization=lead, irm_completion=level
        ):
            AssessmentFactory(report=report, commitment=commitment, completion=level)
        number += count
    first = Commitment.objects.get(ogp_id="PE0001")
    first.title = "Portal de Transparencia Estándar"
    first.value_access_to_information = True
    first.irm_starred = True
    first.self_reported_completion = "complete"
    first.self_reported_as_of = datetime.date(2014, 1, 15)
    first.save()
    first.supporting_organizations.add(helper)
    first.co_lead_organizations.add(
        OrganizationFactory(name="Ministerio de Energía y Minas", slug="minem", member=peru)
    )
    first.policy_areas.add(area)
    make_commitments(chile_plan, 3, "CL", irm_completion="complete")
    make_commitments(lima_plan, 2, "LIM", irm_completion="not_started")
    return World(peru, chile, lima, plan, chile_plan, lead, helper, area, report)


@pytest.fixture
def history_world(world: World) -> Commitment:
    """PE0001 with two status updates (one with a link) and a second, later published report."""
    commitment = Commitment.objects.get(ogp_id="PE0001")
    early = StatusUpdateFactory(
        commitment=commitment, completion="limited", as_of=datetime.date(2013, 1, 10)
    )
    early.evidence.create(url="https://example.org/informe")
    StatusUpdateFactory(
        commitment=commitment, completion="complete", as_of=datetime.date(2014, 1, 15)
    )
    later = IRMReportFactory(
        action_plan=world.plan,
        kind=IRMReport.Kind.END_OF_TERM,
        published_on=datetime.date(2015, 6, 1),
    )
    AssessmentFactory(report=later, commitment=commitment, completion="complete")
    draft = IRMReportFactory(
        action_plan=world.plan, kind=IRMReport.Kind.RESULTS, state=IRMReport.State.DRAFT
    )
    AssessmentFactory(report=draft, commitment=commitment, completion="withdrawn")
    return commitment
