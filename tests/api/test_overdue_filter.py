"""`?overdue=` on the commitments list: a milestone is overdue from the day after its due date."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from commitments.models import Milestone
from tests.factories import CommitmentFactory, MilestoneFactory

pytestmark = pytest.mark.django_db


def test_a_milestone_due_today_does_not_make_its_commitment_overdue(client):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    due_today, late, met = CommitmentFactory(), CommitmentFactory(), CommitmentFactory()
    MilestoneFactory(commitment=due_today, due_date=today)
    MilestoneFactory(commitment=late, due_date=yesterday)
    MilestoneFactory(commitment=met, due_date=yesterday, status=Milestone.Status.MET)

    def listed(overdue: str) -> set[str]:
        response = client.get("/api/v1/commitments/", {"overdue": overdue})
        assert response.status_code == 200
        return {row["ogp_id"] for row in response.json()["results"]}

    assert listed("true") == {late.ogp_id}
    assert listed("false") == {due_today.ogp_id, met.ogp_id}
