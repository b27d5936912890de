"""The commitment page's indicators and the plan page's co-creation record take the same number of
queries for 2 rows as for 20 when every row names its related rows: an indicator's milestone and
reporting organisation, each reading's author and organisation, a proposal's resulting commitment."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import IndicatorReading
from tests import factories
from tests.factories import ConsultationEventFactory, IndicatorFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def page(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers={"accept-language": "en"})
    assert response.status_code == 200
    return len(queries), response.content.decode()


def commitment_with_indicators(n: int):
    commitment = factories.CommitmentFactory()
    for i in range(n):
        indicator = IndicatorFactory(
            commitment=commitment,
            milestone=factories.MilestoneFactory(commitment=commitment, title=f"Hito {i}"),
            reported_by=factories.OrganizationFactory(name=f"Reporting office {i}"),
        )
        for day in (1, 2):
            IndicatorReading.objects.create(
                indicator=indicator,
                value=10 + day,
                as_of=datetime.date(2015, 1, day),
                author=factories.UserFactory(first_name=f"Author{i}-{day}"),
                # The page names a reading's organisation, else its author.
                author_organization=(
                    factories.OrganizationFactory(name=f"Reader {i}") if day == 2 else None
                ),
            )
    return commitment


def test_commitment_page_queries_stay_flat_as_indicators_grow(client):
    page(client, f"/commitments/{commitment_with_indicators(1).ogp_id}/")  # warm the caches
    small, _ = page(client, f"/commitments/{commitment_with_indicators(2).ogp_id}/")
    large, html = page(client, f"/commitments/{commitment_with_indicators(20).ogp_id}/")
    assert small == large
    assert "Hito 19" in html and "Reporting office 19" in html
    assert "Reader 19" in html and "Author19-1" in html


def plan_with_record(n: int):
    plan = factories.ActionPlanFactory()
    for _ in range(n):
        ProposalFactory(
            action_plan=plan,
            outcome="adopted",
            resulting_commitment=factories.CommitmentFactory(action_plan=plan),
            proposers=[factories.OrganizationFactory()],
        )
        event = ConsultationEventFactory(action_plan=plan)
        event.participants.add(factories.OrganizationFactory())
    return plan


def test_plan_page_queries_stay_flat_as_adopted_proposals_grow(client):
    page(client, f"/plans/{plan_with_record(1).ogp_id}/")  # warm the caches
    small, _ = page(client, f"/plans/{plan_with_record(2).ogp_id}/")
    large, html = page(client, f"/plans/{plan_with_record(20).ogp_id}/")
    assert small == large
    assert html.count('<tr id="proposal-') == 20
