"""A plan's page lists its co-creation proposals with its proposers' priorities first, then in the
order they were recorded, and its consultation events by date, earliest first."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client

from tests import factories
from tests.factories import ConsultationEventFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def test_priority_proposals_first_and_events_by_date():
    plan = factories.ActionPlanFactory()
    for title, priority in (("Ordinary", False), ("Urgent", True), ("Later", False)):
        ProposalFactory(action_plan=plan, title=title, priority=priority)
    for day, place in ((datetime.date(2015, 5, 1), "Cusco"), (datetime.date(2015, 3, 1), "Lima")):
        ConsultationEventFactory(action_plan=plan, date=day, place=place)

    html = Client().get(f"/plans/{plan.ogp_id}/", headers={"accept-language": "en"})
    html = html.content.decode()

    proposals = re.findall(
        r'<tr id="proposal-\d+">\s*<td class="card-title">(?:<strong>Priority:</strong> )?(\w+)',
        html,
    )
    assert proposals == ["Urgent", "Ordinary", "Later"]
    assert re.findall(r"· (Lima|Cusco)", html) == ["Lima", "Cusco"]
