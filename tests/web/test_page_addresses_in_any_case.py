"""A plan's or a commitment's page address typed in lower case (pe0001, ap_per01), or a provisional
id OGP's own replaced, in any case, leads to the page's own address; an id that names nothing is a
404 page."""

from __future__ import annotations

import pytest

from commitments.models import CommitmentFormerId
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment():
    plan = factories.ActionPlanFactory(ogp_id="AP_PER01")
    commitment = factories.CommitmentFactory(ogp_id="PE0001", action_plan=plan)
    CommitmentFormerId.objects.create(ogp_id="PE-P0001", commitment=commitment)
    return commitment


@pytest.mark.parametrize(
    ("typed", "address"),
    [
        ("/commitments/pe0001/", "/commitments/PE0001/"),
        ("/commitments/Pe0001/", "/commitments/PE0001/"),
        ("/commitments/PE-P0001/", "/commitments/PE0001/"),
        ("/commitments/pe-p0001/", "/commitments/PE0001/"),
        ("/plans/ap_per01/", "/plans/AP_PER01/"),
    ],
)
def test_an_address_typed_another_way_leads_to_the_page(client, commitment, typed, address):
    response = client.get(typed)

    assert response.status_code == 301
    assert response["Location"] == address
    assert client.get(address).status_code == 200


@pytest.mark.parametrize(
    "typed", ["/commitments/zz9999/", "/commitments/ZZ9999/", "/plans/ap_zzz01/"]
)
def test_an_id_that_names_nothing_is_a_404_page(client, commitment, typed):
    response = client.get(typed, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert "text/html" in response["Content-Type"]
