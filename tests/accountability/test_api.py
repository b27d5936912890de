"""The accountability endpoints: filters, CSV, and query counts that stay flat as rows grow."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model

from commitments.models import IndicatorReading, Organization
from tests import factories
from tests.factories import (
    ConsultationEventFactory,
    IndicatorFactory,
    ProposalFactory,
    make_process,
)

pytestmark = pytest.mark.django_db
API = "/api/v1"


def read_csv(response) -> list[dict]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def add_reading(indicator, value, as_of, organization=None) -> IndicatorReading:
    author = get_user_model().objects.create(username=f"reader{IndicatorReading.objects.count()}")
    return IndicatorReading.objects.create(
        indicator=indicator,
        value=value,
        as_of=as_of,
        author=author,
        author_organization=organization,
        evidence_url="https://example.org/report.pdf",
    )


def make_indicators(n: int, plan=None):
    plan = plan or factories.ActionPlanFactory()
    for _ in range(n):
        indicator = IndicatorFactory(commitment=factories.CommitmentFactory(action_plan=plan))
        add_reading(indicator, 20, datetime.date(2015, 6, 30))
        add_reading(indicator, 35, datetime.date(2015, 12, 31))
    return plan


def test_indicator_list_filters_by_plan_commitment_and_member(api_client):
    plan = make_indicators(2)
    other = make_indicators(1)
    response = api_client.get(f"{API}/indicators/", {"action_plan": plan.ogp_id})
    assert response.status_code == 200
    rows = response.json()["results"]
    assert len(rows) == 2
    assert rows[0]["action_plan"] == plan.ogp_id
    assert [r["as_of"] for r in rows[0]["readings"]] == ["2015-06-30", "2015-12-31"]
    assert rows[0]["reading_count"] == 2
    assert rows[0]["baseline_date"] == "2015-01-01"
    commitment = other.commitments.get()
    by_commitment = api_client.get(f"{API}/indicators/", {"commitment": commitment.ogp_id})
    assert [r["commitment"] for r in by_commitment.json()["results"]] == [commitment.ogp_id]
    by_member = api_client.get(f"{API}/indicators/", {"member": other.member.code})
    assert by_member.json()["count"] == 1


def test_unknown_plan_filter_is_a_400_naming_the_parameter(api_client):
    response = api_client.get(f"{API}/indicators/", {"action_plan": "AP_NOPE99"})
    assert response.status_code == 400
    assert "action_plan" in response.json()


def test_indicator_list_as_csv(api_client):
    make_indicators(2)
    rows = read_csv(api_client.get(f"{API}/indicators/", {"format": "csv"}))
    assert len(rows) == 2
    assert rows[0]["readings.value"].count(";") == 1
    assert rows[0]["unit"] == "%"


@pytest.mark.parametrize("n", [2, 20])
def test_indicator_list_queries_stay_flat(api_client, django_assert_num_queries, n):
    make_indicators(n)
    # 1 count and last change, 2 page of ids, 3 readings, 4 indicators with their reading count.
    with django_assert_num_queries(4):
        response = api_client.get(f"{API}/indicators/", {"page_size": 50})
    assert response.json()["count"] == n


@pytest.mark.parametrize("n", [2, 20])
def test_reading_list_queries_stay_flat_and_name_no_person(
    api_client, django_assert_num_queries, n
):
    org = factories.OrganizationFactory(kind=Organization.Kind.CIVIL_SOCIETY, slug="proetica")
    plan = make_indicators(0)
    for _ in range(n):
        add_reading(
            IndicatorFactory(commitment=factories.CommitmentFactory(action_plan=plan)),
            5,
            datetime.date(2015, 3, 1),
            org,
        )
    # 1 the plan filtered on, 2 count, 3 page of ids, 4 readings.
    with django_assert_num_queries(4):
        response = api_client.get(
            f"{API}/indicator-readings/", {"action_plan": plan.ogp_id, "page_size": 50}
        )
    rows = response.json()["results"]
    assert len(rows) == n
    assert rows[0]["reported_by"] == "proetica"
    assert "author" not in rows[0] and "reader0" not in response.content.decode()


def test_reading_filters_by_indicator_and_commitment(api_client):
    make_indicators(2)
    indicator = IndicatorFactory()
    add_reading(indicator, 1, datetime.date(2015, 1, 1))
    assert (
        api_client.get(f"{API}/indicator-readings/", {"indicator": indicator.pk}).json()["count"]
        == 1
    )
    response = api_client.get(
        f"{API}/indicator-readings/", {"commitment": indicator.commitment.ogp_id, "format": "csv"}
    )
    assert [row["value"] for row in read_csv(response)] == ["1.0000"]


def make_proposals(n: int, plan=None):
    plan = plan or factories.ActionPlanFactory()
    orgs = factories.OrganizationFactory.create_batch(2, kind=Organization.Kind.CIVIL_SOCIETY)
    for i in range(n):
        ProposalFactory(
            action_plan=plan,
            proposers=orgs,
            priority=i == 0,
            outcome="dropped" if i == 0 else "adopted",
        )
    return plan


@pytest.mark.parametrize("n", [2, 20])
def test_proposal_list_queries_stay_flat(api_client, django_assert_num_queries, n):
    plan = make_proposals(n)
    # 1 the plan filtered on, 2 count, 3 page of ids, 4 proposers, 5 proposals.
    with django_assert_num_queries(5):
        response = api_client.get(
            f"{API}/proposals/", {"action_plan": plan.ogp_id, "page_size": 50}
        )
    rows = response.json()["results"]
    assert len(rows) == n
    assert rows[0]["priority"] is True and rows[0]["left_out"] is True
    assert len(rows[0]["proposers"]) == 2


def test_proposals_filter_by_outcome_and_priority_as_csv(api_client):
    make_proposals(3)
    rows = read_csv(
        api_client.get(
            f"{API}/proposals/", {"outcome": "dropped", "priority": "true", "format": "csv"}
        )
    )
    assert len(rows) == 1
    assert rows[0]["outcome"] == "dropped"
    assert rows[0]["proposers.name"].count("; ") == 1
    assert api_client.get(f"{API}/proposals/", {"priority": "maybe"}).status_code == 400


def test_consultation_events_and_plan_process(api_client):
    plan = factories.ActionPlanFactory()
    org = factories.OrganizationFactory()
    event = ConsultationEventFactory(action_plan=plan)
    event.participants.add(org)
    make_process(
        plan,
        [org],
        office_level="mid_level",
        irm_development_level="consult",
        irm_development_level_label="Consult",
    )
    events = api_client.get(f"{API}/consultation-events/", {"action_plan": plan.ogp_id}).json()[
        "results"
    ]
    assert events[0]["participants"] == [{"id": org.slug, "name": org.name}]
    assert events[0]["in_capital"] is True
    process = api_client.get(f"{API}/plan-processes/{plan.ogp_id.lower()}/").json()
    assert process["development_level"] == "consult"
    assert process["responsible_offices"][0]["id"] == org.slug


def plans_with_warnings(n: int, member=None):
    member = member or factories.MemberFactory()
    plans = []
    for _ in range(n):
        plan = factories.ActionPlanFactory(
            member=member,
            start_date=datetime.date(2015, 1, 1),
            end_date=datetime.date(2016, 12, 31),
            approval_date=datetime.date(2015, 7, 1),
        )
        factories.CommitmentFactory(action_plan=plan)
        make_process(plan, [factories.OrganizationFactory()], office_level="mid_level")
        make_proposals(2, plan)
        plans.append(plan)
    return plans


def test_plan_warnings_detail_shows_each_warning_with_its_facts(api_client):
    plan = plans_with_warnings(1)[0]
    response = api_client.get(f"{API}/action-plans/{plan.ogp_id}/warnings/")
    assert response.status_code == 200
    body = response.json()
    codes = {w["code"]: w for w in body["warnings"]}
    assert codes["retroactive_approval"]["facts"]["gap_days"] == 181
    assert codes["single_office"]["facts"]["office_level"] == "mid_level"
    assert codes["priority_proposals_dropped"]["severity"] == "high"
    assert body["proposals"]["dropped"] == 1 and body["proposals"]["adopted"] == 1
    assert body["proposals"]["priority_left_out"] == 1
    assert api_client.get(f"{API}/plan-warnings/{plan.ogp_id}/").json() == body


def test_unknown_plan_warnings_are_a_json_404(api_client):
    response = api_client.get(f"{API}/action-plans/AP_XXX99/warnings/")
    assert response.status_code == 404
    assert "AP_XXX99" in response.json()["detail"]


@pytest.mark.parametrize("n", [2, 20])
def test_plan_warning_list_queries_stay_flat(api_client, django_assert_num_queries, n):
    member = factories.MemberFactory()
    plans_with_warnings(n, member)
    # 1 the member filtered on, 2 count, 3 page of ids, 4 plans, then reviews.integrity_facts.plan_facts:
    # 5 commitment counts, 6 flagged commitments, 7 processes, 8 responsible offices,
    # 9 proposal counts, 10 priority proposals.
    with django_assert_num_queries(10):
        response = api_client.get(f"{API}/plan-warnings/", {"member": member.code, "page_size": 50})
    rows = response.json()["results"]
    assert len(rows) == n
    assert all(row["high_count"] >= 3 for row in rows)


def test_plan_warnings_as_csv(api_client):
    plan = plans_with_warnings(1)[0]
    rows = read_csv(
        api_client.get(f"{API}/plan-warnings/", {"action_plan": plan.ogp_id, "format": "csv"})
    )
    assert len(rows) == 1
    assert "retroactive_approval" in rows[0]["warnings.code"]
    assert rows[0]["proposals.priority_left_out"] == "1"
