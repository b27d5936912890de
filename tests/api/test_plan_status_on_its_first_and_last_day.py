"""A plan is in implementation on the day it starts and on the day it ends: it has ended only once its
last day has passed, and is in development only before its first day."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.factories import ActionPlanFactory

pytestmark = pytest.mark.django_db


def status(client, plan) -> str:
    response = client.get(f"/api/v1/action-plans/{plan.ogp_id}/")
    assert response.status_code == 200
    return response.json()["status"]


def test_first_and_last_day_are_days_of_implementation(client):
    today = timezone.localdate()
    year = datetime.timedelta(days=365)
    ends_today = ActionPlanFactory(start_date=today - 2 * year, end_date=today)
    starts_today = ActionPlanFactory(start_date=today, end_date=today + 2 * year)
    ended_yesterday = ActionPlanFactory(
        start_date=today - 2 * year, end_date=today - datetime.timedelta(days=1)
    )
    starts_tomorrow = ActionPlanFactory(
        start_date=today + datetime.timedelta(days=1), end_date=today + 2 * year
    )

    assert status(client, ends_today) == "implementation"
    assert status(client, starts_today) == "implementation"
    assert status(client, ended_yesterday) == "ended"
    assert status(client, starts_tomorrow) == "development"
