"""For the public API tests: generous throttles, and the Peru world (tests/world.py) with history."""

from __future__ import annotations

import datetime

import pytest
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from commitments.models import Commitment
from reviews.models import IRMReport
from tests.factories import AssessmentFactory, IRMReportFactory, StatusUpdateFactory
from tests.world import PeruWorld


@pytest.fixture(autouse=True)
def _generous_throttle(monkeypatch):
    """Throttle rates are read when DRF loads; tests that check throttling set their own."""
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute"})
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "100000/minute"})


@pytest.fixture
def history_world(world: PeruWorld) -> Commitment:
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
