"""The plans, organisations and reports an import creates say in their history which file made
them, as the administrator reads it on the admin's history page."""

from __future__ import annotations

import pytest

from commitments.models import ActionPlan, Organization
from reviews.models import IRMReport
from tests import factories

from .conftest import run_import
from .test_current_sheet import ROWS

pytestmark = pytest.mark.django_db


def test_an_imported_plans_admin_history_names_the_file(client, current_file):
    run_import(current_file([ROWS[0]]))
    client.force_login(factories.make_plan_admin())

    plan = ActionPlan.objects.get()
    response = client.get(f"/admin/commitments/actionplan/{plan.pk}/history/")

    assert response.status_code == 200
    assert "import_ogp_irm current.csv" in response.content.decode()
    for model in (Organization, IRMReport):
        reasons = set(model.history.values_list("history_change_reason", flat=True))
        assert reasons == {"import_ogp_irm current.csv"}, model
