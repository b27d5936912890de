"""A status update may be dated before its commitment's own start (civil society noting, say, that
work had not begun). The silence then begins at that update, not at the later start: the page says
"no update for N months", and the reminder emails say the same and are sent."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone

from commitments import tasks
from commitments.models import ActionPlan, Organization
from commitments.reminders import add_months
from commitments.services import record_status_update
from tests import factories

pytestmark = pytest.mark.django_db


def test_an_update_dated_before_the_commitments_start_starts_the_silence(client):
    today = timezone.localdate()
    plan = factories.ActionPlanFactory(
        start_date=add_months(today, -24),
        end_date=add_months(today, 12),
        status=ActionPlan.Status.IMPLEMENTATION,
    )
    commitment = factories.CommitmentFactory(
        action_plan=plan, start_date=add_months(today, -2), end_date=None, title="Compras abiertas"
    )
    civil = factories.OrganizationFactory(kind=Organization.Kind.CIVIL_SOCIETY)
    commitment.monitoring_organizations.add(civil)
    editor = factories.make_editor(civil, username="ana")
    record_status_update(
        commitment=commitment,
        author=editor,
        completion="not_started",
        as_of=add_months(today, -8),
    )

    html = client.get(f"/commitments/{commitment.ogp_id}/", headers={"accept-language": "en"})
    assert "no update for 8 months" in html.content.decode()

    assert tasks.send_status_reminders(today.isoformat()) == 1
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert commitment.ogp_id in mail.outbox[0].body
