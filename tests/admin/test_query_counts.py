"""No N+1 on any admin list page: each changelist makes the same number of queries for 2 rows as for
20 (the session, the user and their permissions, the count, the page of rows with its related rows
joined in, and one choices query per related-only filter)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories

from .conftest import ROW_MAKERS

pytestmark = pytest.mark.django_db


def changelist_queries(client, model) -> tuple[int, int]:
    """(number of queries, number of rows on the page) for one GET of the model's changelist."""
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), len(response.context["cl"].result_list)


@pytest.mark.parametrize("model", list(ROW_MAKERS), ids=[m._meta.label for m in ROW_MAKERS])
def test_changelist_query_count_does_not_grow_with_rows(client, model):
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    make = ROW_MAKERS[model]
    make(2)
    few_queries, few_rows = changelist_queries(client, model)
    make(18)
    many_queries, many_rows = changelist_queries(client, model)
    assert many_rows > few_rows >= 2
    assert many_queries == few_queries


def test_plan_list_reads_plans_and_their_completion_counts_in_one_query(client):
    """The completion columns come from the plan query itself, not one query per plan."""
    from commitments.models import ActionPlan

    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    ROW_MAKERS[ActionPlan](20)
    with CaptureQueriesContext(connection) as captured:
        client.get(reverse("admin:commitments_actionplan_changelist"))
    page_queries = [q["sql"] for q in captured if '"commitments_actionplan"."ogp_id"' in q["sql"]]
    assert len(page_queries) == 1
    assert '"irm__complete"' in page_queries[0]
    assert '"civil_society__complete"' in page_queries[0]
    assert '"government__complete"' in page_queries[0]
