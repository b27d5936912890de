"""An API client that kept a commitment's old id (a provisional id OGP's own replaced, or an id
the first release guessed, renamed by migration 0034) is led to its row's address now, as the
page is (301, the query kept); an id that names nothing stays a JSON 404; the usual lookup costs
no query more."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import CommitmentFormerId
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment():
    plan = factories.ActionPlanFactory(ogp_id="AP_ALB01")
    commitment = factories.CommitmentFactory(ogp_id="AL-P0001", action_plan=plan)
    CommitmentFormerId.objects.create(ogp_id="AL0001", commitment=commitment)
    return commitment


@pytest.mark.parametrize("typed", ["AL0001", "al0001"])
def test_an_old_id_leads_to_the_row_at_its_id_now(client, commitment, typed):
    response = client.get(f"/api/v1/commitments/{typed}/?format=json&as_of=2026-01-01")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/commitments/AL-P0001/?format=json&as_of=2026-01-01"
    followed = client.get(response["Location"])
    assert followed.status_code == 200
    assert followed.json()["ogp_id"] == "AL-P0001"


def test_an_id_that_names_nothing_is_a_json_404(client, commitment):
    response = client.get("/api/v1/commitments/ZZ9999/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert response.json()["detail"] == "No commitment with the id ZZ9999."


def test_the_current_id_reads_no_former_ids(client, commitment):
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/commitments/al-p0001/").status_code == 200

    assert not any("formerid" in q["sql"].lower() for q in queries.captured_queries)
