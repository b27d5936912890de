"""Index pages: /plans/, /commitments/, /organizations/, /members/ — filters in the URL, a CSV link
that gives the same rows, clear errors for a bad filter, and query counts that do not grow."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import Organization
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_members():
    peru = factories.MemberFactory(code="PER", iso_alpha2="PE", commitment_prefix="PE", name="Perú")
    chile = factories.MemberFactory(
        code="CHL", iso_alpha2="CL", commitment_prefix="CL", name="Chile"
    )
    pe1 = factories.ActionPlanFactory(member=peru, number=1, ogp_id="AP_PER01")
    cl1 = factories.ActionPlanFactory(member=chile, number=1, ogp_id="AP_CHL01")
    lead = factories.OrganizationFactory(name="Contraloría General", member=peru)
    factories.CommitmentFactory(
        action_plan=pe1,
        ogp_id="PE0001",
        title="Acceso a la información",
        irm_completion="complete",
        lead_organization=lead,
    )
    factories.CommitmentFactory(action_plan=pe1, ogp_id="PE0002", irm_completion="limited")
    factories.CommitmentFactory(action_plan=cl1, ogp_id="CL0001", irm_completion="complete")
    return peru, chile


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/plans/", "Planes de acción"),
        ("/commitments/", "Compromisos"),
        ("/organizations/", "Organizaciones"),
        ("/members/", "Miembros OGP"),
    ],
)
def test_every_index_page_answers_in_spanish_and_is_in_the_navigation(
    client, two_members, url, heading
):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert "download>" in html  # each list offers its CSV


def test_commitment_filters_live_in_the_url_and_the_csv_link_gives_the_same_rows(
    client, two_members
):
    response = client.get(
        "/commitments/?member=PER&irm_completion=complete", HTTP_ACCEPT_LANGUAGE="en"
    )
    html = response.content.decode()
    assert "PE0001" in html and "PE0002" not in html and "CL0001" not in html
    # The facet shows the choice applied, as a link that removes it (and keeps the other).
    assert (
        '<a href="?irm_completion=complete" class="facet-selected" aria-current="true">Perú' in html
    )
    link = "/downloads/commitments.csv?member=PER&amp;irm_completion=complete"
    assert link in html
    download = client.get(link.replace("&amp;", "&"), HTTP_ACCEPT_LANGUAGE="en")
    rows = list(
        csv.DictReader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig")))
    )
    assert [row["Id"] for row in rows] == ["PE0001"]


def test_a_bad_filter_is_a_clear_message_not_everything(client, two_members):
    response = client.get("/commitments/?member=XXX", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Some filters could not be applied" in html
    assert "PE0001" not in html


def test_plan_and_member_links_filter_by_member(client, two_members):
    html = client.get("/plans/?member=CHL").content.decode()
    assert "AP_CHL01" in html and "AP_PER01" not in html
    members = client.get("/members/").content.decode()
    assert 'href="/commitments/?member=PER"' in members


def test_organisation_page_breadcrumb_leads_to_the_index(client, two_members):
    org = Organization.objects.get(name="Contraloría General")
    html = client.get(f"/organizations/{org.slug}/").content.decode()
    assert 'href="/organizations/"' in html
    assert client.get("/organizations/?member=PER").status_code == 200


@pytest.mark.parametrize("url", ["/plans/", "/commitments/", "/organizations/", "/members/"])
def test_index_query_count_does_not_grow_with_rows(client, url):
    def count(n: int) -> int:
        member = factories.MemberFactory()
        for _ in range(n):
            plan = factories.ActionPlanFactory(member=member)
            factories.CommitmentFactory(
                action_plan=plan, lead_organization=factories.OrganizationFactory(member=member)
            )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert count(2) == count(20)
