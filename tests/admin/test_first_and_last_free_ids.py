"""Adding a commitment to a plan from its form offers the next free id of the member's prefix: the
first one (PE0001) for a member with none yet, and none once the four digits run out."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def _offered_id(client, plan) -> str:
    page = client.get(reverse("admin:commitments_commitment_add"), {"action_plan": plan.pk})
    assert page.status_code == 200
    return page.context["adminform"].form["ogp_id"].value() or ""


def test_a_member_without_commitments_is_offered_its_first_id(client, plan_admin):
    plan = factories.ActionPlanFactory(member__commitment_prefix="PE")
    client.force_login(plan_admin)
    assert _offered_id(client, plan) == "PE0001"


def test_no_id_is_offered_past_the_last_four_digit_number(client, plan_admin):
    plan = factories.ActionPlanFactory(member__commitment_prefix="PE")
    factories.CommitmentFactory(action_plan=plan, ogp_id="PE9998")
    client.force_login(plan_admin)
    assert _offered_id(client, plan) == "PE9999"
    factories.CommitmentFactory(action_plan=plan, ogp_id="PE9999")
    assert _offered_id(client, plan) == ""
