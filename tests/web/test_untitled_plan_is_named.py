"""A plan OGP's sheet gives no title (most rows of the current sheet) is named by its member,
number and years on every page that lists or heads it, never by its bare id."""

from __future__ import annotations

import pytest

from commitments.models import Follow
from tests.factories import ActionPlanFactory, CommitmentFactory, UserFactory
from tests.web.conftest import UNTITLED_PLAN_NAME

pytestmark = pytest.mark.django_db

NAME = UNTITLED_PLAN_NAME


@pytest.fixture
def plan(untitled_plan):
    return untitled_plan


def _link(plan) -> str:
    return f'<a href="/plans/{plan.ogp_id}/">{NAME}</a>'


def test_the_plan_page_is_headed_by_member_number_and_years(client, plan):
    html = client.get(f"/plans/{plan.ogp_id}/").content.decode()
    assert f"<h1>{NAME}</h1>" in html
    assert f"<title>{NAME}" in html


def test_the_lists_and_a_commitment_name_it_so(client, plan):
    commitment = CommitmentFactory(action_plan=plan)
    assert _link(plan) in client.get("/plans/").content.decode()
    assert _link(plan) in client.get("/").content.decode()
    assert _link(plan) in client.get(f"/commitments/{commitment.ogp_id}/").content.decode()


def test_a_titled_plan_keeps_its_title(client):
    titled = ActionPlanFactory(title="Segundo Plan de Acción de Gobierno Abierto")
    assert "<h1>Segundo Plan de Acción de Gobierno Abierto</h1>" in (
        client.get(f"/plans/{titled.ogp_id}/").content.decode()
    )


def test_the_followed_list_names_it_without_a_query_per_plan(
    client, plan, django_assert_max_num_queries
):
    user = UserFactory()
    Follow.objects.create(user=user, action_plan=plan)
    for number in (4, 5, 6):
        other = ActionPlanFactory(member=plan.member, number=number, title="")
        Follow.objects.create(user=user, action_plan=other)
    client.force_login(user)
    with django_assert_max_num_queries(12) as queries:
        html = client.get("/my/follows/").content.decode()
    assert _link(plan) in html
    assert sum("commitments_member" in q["sql"] for q in queries.captured_queries) <= 1
