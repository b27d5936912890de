"""The admin's pick-lists of plans (autocomplete, a form's select, the list filters) are in the order
of the names they show, in the page's language: on a Spanish page Kenya reads "Kenia" and sits
between "Irlanda" and "Perú", not where OGP's English name would put it. The admin's search (and so
the autocomplete) finds a member or a plan by its member's name in either language. Until
8 December both followed OGP's English name only."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import ActionPlan
from tests import factories

pytestmark = pytest.mark.django_db

ES = {"HTTP_ACCEPT_LANGUAGE": "es"}
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def members():
    """Three nations OGP names in English whose Spanish names sort otherwise: Iceland, Kenya and
    Spain read Islandia, Kenia and España, so Spain comes first on a Spanish page."""
    made = {}
    for code, iso, name in (
        ("KEN", "KE", "Kenya"),
        ("ISL", "IS", "Iceland"),
        ("ESP", "ES", "Spain"),
    ):
        member = factories.MemberFactory(
            code=code, iso_alpha2=iso, name=name, commitment_prefix=iso
        )
        for number in (2, 1):
            factories.ActionPlanFactory(
                member=member,
                number=number,
                title="",
                start_date=datetime.date(2010 + number * 2, 1, 1),
                end_date=datetime.date(2011 + number * 2, 12, 31),
            )
        made[code] = member
    return made


@pytest.fixture
def admin_client(client):
    client.force_login(factories.make_plan_admin())
    return client


def autocomplete(
    client, term: str, headers: dict, model: str = "commitment", field: str = "action_plan"
):
    response = client.get(
        "/admin/autocomplete/",
        {"term": term, "app_label": "commitments", "model_name": model, "field_name": field},
        **headers,
    )
    return [result["text"] for result in response.json()["results"]]


def test_plan_autocomplete_lists_plans_by_the_shown_member_name(admin_client, members):
    assert autocomplete(admin_client, "", ES) == [
        "España · plan 1 (2012-2013)",
        "España · plan 2 (2014-2015)",
        "Islandia · plan 1 (2012-2013)",
        "Islandia · plan 2 (2014-2015)",
        "Kenia · plan 1 (2012-2013)",
        "Kenia · plan 2 (2014-2015)",
    ]
    assert [t.split(" ·")[0] for t in autocomplete(admin_client, "", EN)][::2] == [
        "Iceland",
        "Kenya",
        "Spain",
    ]


def test_commitment_list_filters_plans_by_the_shown_member_name(admin_client, members):
    for plan in ActionPlan.objects.all():
        factories.CommitmentFactory(action_plan=plan)
    html = admin_client.get("/admin/commitments/commitment/", **ES).content.decode()
    plan_filter = re.findall(r'\?action_plan__id__exact=\d+">([^<]*)</a>', html)
    assert plan_filter == [
        "España · plan 1 (2012-2013)",
        "España · plan 2 (2014-2015)",
        "Islandia · plan 1 (2012-2013)",
        "Islandia · plan 2 (2014-2015)",
        "Kenia · plan 1 (2012-2013)",
        "Kenia · plan 2 (2014-2015)",
    ]


def test_member_filters_list_members_by_the_shown_name(admin_client, members):
    html = admin_client.get("/admin/commitments/actionplan/", **ES).content.decode()
    assert re.findall(r'\?member__id__exact=\d+">([^<]*)</a>', html) == [
        "España",
        "Islandia",
        "Kenia",
    ]


@pytest.mark.parametrize("term", ["Kenia", "kenia", "Kenya"])
def test_plan_autocomplete_finds_a_member_by_either_name(admin_client, members, term):
    assert autocomplete(admin_client, term, ES) == [
        "Kenia · plan 1 (2012-2013)",
        "Kenia · plan 2 (2014-2015)",
    ]


@pytest.mark.parametrize("term", ["Kenia", "Kenya"])
def test_member_and_plan_searches_find_a_member_by_either_name(admin_client, members, term):
    member_list = admin_client.get("/admin/commitments/member/", {"q": term}, **EN).content.decode()
    plan_list = admin_client.get(
        "/admin/commitments/actionplan/", {"q": term}, **EN
    ).content.decode()
    assert "1 result" in member_list and ">Kenya</a>" in member_list
    assert "2 results" in plan_list
    assert "Spain" not in plan_list.split("<tbody>")[1].split("</tbody>")[0]


def test_member_autocomplete_orders_and_finds_by_the_shown_name(admin_client, members):
    names = autocomplete(admin_client, "", ES, model="actionplan", field="member")
    assert names == ["España", "Islandia", "Kenia"]
    assert autocomplete(admin_client, "espana", ES, model="actionplan", field="member") == [
        "España"
    ]


def test_plan_pick_lists_and_searches_read_the_same_number_of_queries_however_many_plans(
    admin_client,
):
    def count() -> list[int]:
        counts = []
        for term in ("", "Kenia"):
            with CaptureQueriesContext(connection) as queries:
                autocomplete(admin_client, term, ES)
            counts.append(len(queries))
        with CaptureQueriesContext(connection) as queries:
            admin_client.get("/admin/commitments/actionplan/", {"q": "Kenia"}, **ES)
        counts.append(len(queries))
        with CaptureQueriesContext(connection) as queries:
            admin_client.get("/admin/commitments/commitment/", **ES)
        counts.append(len(queries))
        return counts

    kenya = factories.MemberFactory(
        code="KEN", iso_alpha2="KE", name="Kenya", commitment_prefix="KE"
    )
    factories.CommitmentFactory(action_plan=factories.ActionPlanFactory(member=kenya))
    few = count()
    for _ in range(8):
        factories.CommitmentFactory(action_plan=factories.ActionPlanFactory(member=kenya))
        factories.CommitmentFactory()  # another member each time
    assert count() == few
