"""An organisation's page address typed in another case (`/organizations/MINJUS/`) leads to the
page's own address, as a plan's and a commitment's do; the Atom feeds of a plan, a commitment and
an organisation answer a key typed in any case too."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def ministry():
    plan = factories.ActionPlanFactory(ogp_id="AP_PER01")
    ministry = factories.OrganizationFactory(slug="minjus", acronym="MINJUS")
    factories.CommitmentFactory(ogp_id="PE0001", action_plan=plan, lead_organization=ministry)
    return ministry


@pytest.mark.parametrize("typed", ["/organizations/MINJUS/", "/organizations/Minjus/"])
def test_an_organisation_address_in_another_case_leads_to_the_page(client, ministry, typed):
    response = client.get(typed)

    assert response.status_code == 301
    assert response["Location"] == "/organizations/minjus/"
    assert client.get("/organizations/minjus/").status_code == 200


def test_an_unknown_slug_is_a_404_page(client, ministry):
    response = client.get("/organizations/MINSA/")

    assert response.status_code == 404
    assert "text/html" in response["Content-Type"]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("/feeds/plans/ap_per01/", "/feeds/plans/AP_PER01/"),
        ("/feeds/commitments/pe0001/", "/feeds/commitments/PE0001/"),
        ("/feeds/organizations/MINJUS/", "/feeds/organizations/minjus/"),
    ],
)
def test_a_feed_answers_a_key_in_another_case(client, ministry, typed, stored):
    exact = client.get(stored)
    other = client.get(typed)

    assert exact.status_code == other.status_code == 200
    page = stored.replace("/feeds", "").encode()
    assert b'href="http://testserver' + page + b'"' in other.content
