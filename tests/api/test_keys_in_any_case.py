"""A record's public key typed in another case finds the record on every API address that takes
it (`/organizations/MINJUS/` finds `minjus`, `/members/pe/`, `/action-plans/ap_per01/`,
`/commitments/pe0001/`), with the same queries as the key as stored; the database keeps each key
in one case, so two records can never differ only by case."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from commitments.models import PlanProcess
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    member = factories.MemberFactory(code="PER", iso_alpha2="PE", name="Peru")
    plan = factories.ActionPlanFactory(ogp_id="AP_PER01", member=member, number=1)
    PlanProcess.objects.create(action_plan=plan)
    ministry = factories.OrganizationFactory(
        slug="minjus", acronym="MINJUS", name="Ministerio de Justicia", member=member
    )
    factories.CommitmentFactory(ogp_id="PE0001", action_plan=plan, lead_organization=ministry)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("/api/v1/organizations/MINJUS/", "/api/v1/organizations/minjus/"),
        ("/api/v1/organizations/Minjus/", "/api/v1/organizations/minjus/"),
        ("/api/v1/members/pe/", "/api/v1/members/PE/"),
        ("/api/v1/members/per/", "/api/v1/members/PER/"),
        ("/api/v1/action-plans/ap_per01/", "/api/v1/action-plans/AP_PER01/"),
        ("/api/v1/plan-processes/ap_per01/", "/api/v1/plan-processes/AP_PER01/"),
        ("/api/v1/plan-requirements/ap_per01/", "/api/v1/plan-requirements/AP_PER01/"),
        ("/api/v1/commitments/pe0001/", "/api/v1/commitments/PE0001/"),
        ("/api/v1/commitments/pe0001/history/", "/api/v1/commitments/PE0001/history/"),
    ],
)
def test_a_key_typed_in_another_case_finds_the_record_with_the_same_queries(
    client, records, typed, stored
):
    with CaptureQueriesContext(connection) as as_stored:
        exact = client.get(stored)
    with CaptureQueriesContext(connection) as as_typed:
        other = client.get(typed)

    assert exact.status_code == other.status_code == 200, other.content[:200]
    assert other.json() == exact.json()
    assert len(as_typed) == len(as_stored)


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/commitments/?organization=MINJUS",
        "/api/v1/commitments/?member=pe",
        "/api/v1/commitments/?action_plan=ap_per01",
    ],
)
def test_a_filter_typed_in_another_case_finds_the_rows(client, records, address):
    response = client.get(address)

    assert response.status_code == 200
    assert [row["ogp_id"] for row in response.json()["results"]] == ["PE0001"]


def test_an_unknown_slug_is_a_404_naming_it(client, records):
    response = client.get("/api/v1/organizations/MINSA/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert response.json() == {"detail": "No organisation with the slug MINSA."}


@pytest.mark.parametrize(
    ("factory", "key"),
    [
        (factories.OrganizationFactory, {"slug": "MINJUS"}),
        (factories.MemberFactory, {"code": "per"}),
        (factories.MemberFactory, {"code": "XPE", "iso_alpha2": "pe"}),
        (factories.ActionPlanFactory, {"ogp_id": "ap_per02"}),
    ],
)
def test_a_key_can_not_be_stored_in_the_other_case(records, factory, key):
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(**key)
