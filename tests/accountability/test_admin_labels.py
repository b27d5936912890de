"""The admin names a consultation event by its kind and date (the first column of its list), and a
plan's process page by its plan (the page title and breadcrumbs)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from tests import factories
from tests.factories import ConsultationEventFactory, make_process

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_admin_client(client):
    client.force_login(factories.make_plan_admin())
    return client


def first_column(html: str) -> list[str]:
    return re.findall(r'<th class="field-__str__"><a [^>]*>([^<]*)</a>', html)


def test_the_consultation_event_list_names_each_event_by_kind_and_date(plan_admin_client):
    plan = factories.ActionPlanFactory()
    ConsultationEventFactory(action_plan=plan, date=datetime.date(2015, 3, 1))
    ConsultationEventFactory(action_plan=plan, kind="forum", date=None)
    html = plan_admin_client.get(
        reverse("admin:commitments_consultationevent_changelist") + "?o=5",
        headers={"accept-language": "en"},
    ).content.decode()
    assert sorted(first_column(html)) == ["Multi-stakeholder forum", "Workshop 2015-03-01"]


def test_a_plan_process_page_is_titled_by_its_plan(plan_admin_client):
    plan = factories.ActionPlanFactory(title="Tercer plan de acción")
    process = make_process(plan)
    html = plan_admin_client.get(
        reverse("admin:commitments_planprocess_change", args=[process.pk]),
        headers={"accept-language": "en"},
    ).content.decode()
    assert "<h2>Tercer plan de acción</h2>" in html
