"""member= and country= mean the same on every list that offers them (one mixin): a member is that
member's rows only; a country is the nation with its local members (Lima belongs to Peru)."""

from __future__ import annotations

import pytest

from commitments.models import ActionPlan, Organization
from reviews.models import Assessment
from tests.factories import AssessmentFactory, IRMReportFactory, OrganizationFactory

pytestmark = pytest.mark.world("peru")


def _codes(client, url: str, key: str) -> set[str]:
    response = client.get(f"{url}&page_size=100")
    assert response.status_code == 200, response.content
    return {row[key] for row in response.json()["results"]}


@pytest.fixture
def lima_rows(world):
    lima_plan = ActionPlan.objects.get(ogp_id="AP_LIM0101")
    OrganizationFactory(name="Municipalidad de Lima", slug="mml", member=world.lima)
    report = IRMReportFactory(action_plan=lima_plan)
    AssessmentFactory(report=report, commitment=lima_plan.commitments.first())
    chile_report = IRMReportFactory(action_plan=world.chile_plan)
    AssessmentFactory(report=chile_report, commitment=world.chile_plan.commitments.first())
    return world


def test_member_and_country_filter_commitments_alike(client, lima_rows):
    member = _codes(client, "/api/v1/commitments/?member=PER", "ogp_id")
    country = _codes(client, "/api/v1/commitments/?country=PER", "ogp_id")
    assert member and all(code.startswith("PE") for code in member)
    assert country - member == {"LIM0001", "LIM0002"}


def test_member_and_country_filter_action_plans_alike(client, lima_rows):
    assert _codes(client, "/api/v1/action-plans/?member=PER", "ogp_id") == {"AP_PER01"}
    assert _codes(client, "/api/v1/action-plans/?country=PE", "ogp_id") == {
        "AP_PER01",
        "AP_LIM0101",
    }


def test_country_filters_members(client, lima_rows):
    assert _codes(client, "/api/v1/members/?country=PER", "code") == {"PER", "LIM01"}


def test_member_and_country_filter_organizations_alike(client, lima_rows):
    peru = set(Organization.objects.filter(member=lima_rows.peru).values_list("slug", flat=True))
    assert _codes(client, "/api/v1/organizations/?member=PER", "id") == peru
    assert _codes(client, "/api/v1/organizations/?country=PER", "id") == peru | {"mml"}


def test_member_and_country_filter_assessments_alike(client, lima_rows):
    def commitments(query: str) -> set[str]:
        ids = _codes(client, f"/api/v1/assessments/?{query}", "id")
        return set(
            Assessment.objects.filter(pk__in=ids).values_list("commitment__ogp_id", flat=True)
        )

    member = commitments("member=PER")
    country = commitments("country=PER")
    assert member and all(code.startswith("PE") for code in member)
    assert country - member == {"LIM0001"}
    assert commitments("member=CHL") == {"CL0001"}
