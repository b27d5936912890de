"""The IRM workspace's report list names each report's plan and member in the same number of
queries for 2 reports as for 20."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.models import IRMReport
from tests import factories
from tests.factories import IRMReportFactory

pytestmark = pytest.mark.django_db


def list_queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/irm/reports/", headers={"accept-language": "en"})
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_report_list_queries_stay_flat_as_reports_grow(client):
    client.force_login(factories.make_plan_admin())
    IRMReportFactory(state=IRMReport.State.DRAFT)  # each report on its own plan and member
    list_queries(client)  # warm the caches
    IRMReportFactory(state=IRMReport.State.DRAFT)
    small, _ = list_queries(client)
    for _ in range(18):
        IRMReportFactory(state=IRMReport.State.DRAFT)
    large, html = list_queries(client)
    assert small == large
    plans = IRMReport.objects.values_list("action_plan__ogp_id", flat=True)
    assert len(plans) == 20 and all(ogp_id in html for ogp_id in plans)
