"""`?organization=` finds a commitment whatever the organisation's role in it (lead, co-lead,
supporting, monitoring), on the API, its CSV and the /commitments/ page; `?monitored_by=` finds
only the commitments an organisation monitors."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from commitments.models import Organization
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles():
    """Proética: monitors PE0001 and PE0002, co-leads PE0003, supports PE0004; leads nothing."""
    peru = factories.MemberFactory(code="PER", iso_alpha2="PE", commitment_prefix="PE", name="Perú")
    plan = factories.ActionPlanFactory(member=peru, number=1, ogp_id="AP_PER01")
    proetica = factories.OrganizationFactory(
        name="Proética", slug="proetica", kind="civil_society", member=peru
    )
    made = {
        ogp_id: factories.CommitmentFactory(action_plan=plan, ogp_id=ogp_id)
        for ogp_id in ("PE0001", "PE0002", "PE0003", "PE0004", "PE0005")
    }
    made["PE0001"].monitoring_organizations.add(proetica)
    made["PE0002"].monitoring_organizations.add(proetica)
    made["PE0003"].co_lead_organizations.add(proetica)
    made["PE0004"].supporting_organizations.add(proetica)
    return made


def api_ids(api_client, query: str) -> set[str]:
    response = api_client.get(f"/api/v1/commitments/?{query}")
    assert response.status_code == 200, response.content
    return {row["ogp_id"] for row in response.json()["results"]}


def test_organization_filter_finds_every_role_on_the_api(api_client, roles):
    assert api_ids(api_client, "organization=proetica") == {"PE0001", "PE0002", "PE0003", "PE0004"}


def test_monitored_by_finds_only_the_commitments_it_monitors(api_client, roles):
    assert api_ids(api_client, "monitored_by=proetica") == {"PE0001", "PE0002"}
    assert api_ids(api_client, "monitored_by=proetica&q=PE0002") == {"PE0002"}


def test_monitored_by_an_unknown_slug_is_a_400_naming_the_parameter(api_client, roles):
    response = api_client.get("/api/v1/commitments/?monitored_by=nobody")
    assert response.status_code == 400
    assert "monitored_by" in response.json()


def test_faceted_page_filters_by_every_role_and_by_monitoring(client, roles):
    html = client.get("/commitments/?organization=proetica").content.decode()
    for ogp_id in ("PE0001", "PE0002", "PE0003", "PE0004"):
        assert ogp_id in html
    assert "PE0005" not in html
    # The organisation facet counts every role too: 4 commitments for Proética.
    assert "Proética" in html

    html = client.get("/commitments/?monitored_by=proetica").content.decode()
    assert "PE0001" in html and "PE0002" in html
    assert "PE0003" not in html and "PE0004" not in html


def test_organisation_facet_counts_monitoring_roles(client, roles):
    from commitments.search.faceted import commitment_results

    results = commitment_results(RequestFactory().get("/commitments/"))
    organisation = next(f for f in results.facets if f.name == "organization")
    proetica = next(c for c in organisation.choices if c.value == "proetica")
    assert proetica.count == 4


def test_organisation_page_links_to_the_commitments_it_monitors(client, roles):
    html = client.get("/organizations/proetica/").content.decode()
    assert 'href="/commitments/?monitored_by=proetica"' in html


@pytest.mark.parametrize("rows", [2, 20])
def test_monitored_by_page_query_count_is_flat(client, django_assert_num_queries, roles, rows):
    plan = factories.ActionPlanFactory()
    proetica = Organization.objects.get(slug="proetica")
    for _ in range(rows):
        factories.CommitmentFactory(action_plan=plan).monitoring_organizations.add(proetica)
    # The slug; the ids found (their number is the count); the page's rows; the facet counts
    # (plans and members, levels, starred, overdue, organisations of every role, policy areas).
    with django_assert_num_queries(4):
        assert client.get("/commitments/?monitored_by=proetica").status_code == 200


def test_past_the_listed_limit_the_count_and_facets_come_from_the_search_itself(
    client, roles, monkeypatch
):
    from commitments.search import faceted

    monkeypatch.setattr(faceted, "MAX_LISTED", 2)
    request = RequestFactory().get("/commitments/", {"organization": "proetica"})
    results = faceted.commitment_results(request)
    assert results.page.paginator.count == 4
    assert {row.commitment.ogp_id for row in results.rows} == {
        "PE0001",
        "PE0002",
        "PE0003",
        "PE0004",
    }
    organisation = next(f for f in results.facets if f.name == "organization")
    assert next(c for c in organisation.choices if c.value == "proetica").count == 4
