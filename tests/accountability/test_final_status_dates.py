"""A commitment has ended without a final status when its own end date (else its plan's) has
passed and no status is dated on or after that end: the plan page's integrity warning names it."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_end_that_counts_is_the_commitments_own_else_its_plans():
    plan = factories.ActionPlanFactory(
        start_date=datetime.date(2015, 1, 1), end_date=datetime.date(2016, 12, 31)
    )
    as_of = datetime.date(2017, 1, 15)  # after the plan's end
    plan_end_only = factories.CommitmentFactory(
        action_plan=plan,
        end_date=None,
        self_reported_completion="limited",
        self_reported_as_of=as_of,
    )
    ends_later = factories.CommitmentFactory(
        action_plan=plan,
        end_date=datetime.date(2017, 6, 30),
        self_reported_completion="limited",
        self_reported_as_of=as_of,
    )

    html = Client().get(f"/plans/{plan.ogp_id}/", headers={"accept-language": "en"})
    html = html.content.decode()

    warning = html.split('id="warning-ended_without_final_status"')[1].split("</details>")[0]
    assert ends_later.ogp_id in warning
    assert plan_end_only.ogp_id not in warning
