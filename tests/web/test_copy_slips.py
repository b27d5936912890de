"""Copy slips of issue 12: a lockout says its wait in minutes, levels sort by how done they are."""

from __future__ import annotations

import pytest

from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_lockout_page_says_the_wait_in_minutes_not_a_timedelta(client):
    factories.make_editor(username="ana")
    for _ in range(5):
        client.post("/accounts/login/", {"username": "ana", "password": "wrong"})
    response = client.post(
        "/accounts/login/", {"username": "ana", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert "Try again in 15 minutes." in html
    assert "0:15:00" not in html


def test_sorting_by_completion_puts_complete_first_and_withdrawn_and_unclear_last(api_client):
    plan = factories.ActionPlanFactory(ogp_id="AP_PER01")
    for n, level in enumerate(["unclear", "complete", "withdrawn", "limited", "substantial", ""]):
        factories.CommitmentFactory(action_plan=plan, ogp_id=f"PE000{n}", irm_completion=level)
    rows = api_client.get("/api/v1/commitments/?ordering=-irm_completion").json()["results"]
    assert [r["irm_completion"] for r in rows][:3] == ["complete", "substantial", "limited"]
    assert {r["irm_completion"] for r in rows[-2:]} == {"unclear", "withdrawn"}


def test_the_commitment_list_sorts_levels_the_same_way(client):
    plan = factories.ActionPlanFactory(ogp_id="AP_PER01")
    for n, level in enumerate(["withdrawn", "complete", "unclear"]):
        factories.CommitmentFactory(action_plan=plan, ogp_id=f"PE000{n}", irm_completion=level)
    html = client.get("/commitments/?ordering=-irm_completion").content.decode()
    assert html.index("PE0001") < html.index("PE0000")
    assert html.index("PE0001") < html.index("PE0002")
