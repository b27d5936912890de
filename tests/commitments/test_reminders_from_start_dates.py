"""The reminder's silence begins at the latest update, else the commitment's own start, else its
plan's start (`silent_since`): a commitment missing one of those dates is still reminded."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from commitments import tasks
from commitments.models import ActionPlan, Organization
from commitments.reminders import add_months
from tests import factories

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 5)


def _monitored(*, plan_start, commitment_start):
    plan = factories.ActionPlanFactory(
        start_date=plan_start,
        end_date=add_months(TODAY, 12),
        status=ActionPlan.Status.IMPLEMENTATION,
    )
    commitment = factories.CommitmentFactory(
        action_plan=plan, start_date=commitment_start, end_date=None, title="Compras abiertas"
    )
    civil = factories.OrganizationFactory(kind=Organization.Kind.CIVIL_SOCIETY)
    commitment.monitoring_organizations.add(civil)
    editor = factories.make_editor(civil, username="ana")
    return commitment, editor


def test_a_commitment_without_its_own_start_counts_from_its_plans_start():
    commitment, editor = _monitored(plan_start=add_months(TODAY, -8), commitment_start=None)

    assert tasks.send_status_reminders(TODAY.isoformat()) == 1
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert commitment.ogp_id in mail.outbox[0].body


def test_a_commitment_of_a_plan_without_a_start_date_counts_from_its_own_start():
    commitment, editor = _monitored(plan_start=None, commitment_start=add_months(TODAY, -8))

    assert tasks.send_status_reminders(TODAY.isoformat()) == 1
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert commitment.ogp_id in mail.outbox[0].body
