"""The admin names things so a plan administrator can tell them apart (issue 12): plans by member
and number in every pick-list, one clear state for an overdue milestone, roles in the reader's
language."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.roles import EDITOR
from tests import factories

from .test_plan_label_with_one_year import plan_pick_list

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_alike_plans():
    peru = factories.MemberFactory(code="PER", name="Perú")
    chile = factories.MemberFactory(code="CHL", name="Chile")
    title = "Plan de Acción de Gobierno Abierto"
    first = factories.ActionPlanFactory(
        member=peru,
        number=1,
        title=title,
        start_date=datetime.date(2012, 4, 10),
        end_date=datetime.date(2014, 12, 31),
    )
    second = factories.ActionPlanFactory(
        member=chile,
        number=3,
        title=title,
        start_date=datetime.date(2016, 1, 1),
        end_date=datetime.date(2018, 6, 30),
    )
    return first, second


@pytest.fixture
def admin_client(client):
    client.force_login(factories.make_plan_admin())
    return client


def test_plan_autocomplete_names_member_number_and_years(admin_client, two_alike_plans):
    labels = plan_pick_list(admin_client, "Plan")
    assert labels == ["Chile · plan 3 (2016-2018)", "Perú · plan 1 (2012-2014)"]


def test_plan_autocomplete_queries_stay_flat(admin_client):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            admin_client.get(
                "/admin/autocomplete/",
                {"term": "", "app_label": "commitments", "model_name": "commitment",
                 "field_name": "action_plan"},
            )  # fmt: skip
        return len(queries)

    factories.ActionPlanFactory.create_batch(2)
    few = count()
    factories.ActionPlanFactory.create_batch(15)
    assert count() == few


def test_a_commitments_selected_plan_and_the_plan_filter_use_the_label(
    admin_client, two_alike_plans
):
    first, second = two_alike_plans
    commitment = factories.CommitmentFactory(action_plan=first)
    factories.CommitmentFactory(action_plan=second)  # a filter needs two choices to show

    change = admin_client.get(
        f"/admin/commitments/commitment/{commitment.pk}/change/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    listing = admin_client.get(
        "/admin/commitments/commitment/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()

    assert "Perú · plan 1 (2012-2014)</option>" in change
    assert "Perú · plan 1 (2012-2014)</a>" in listing  # the list filter


def test_spanish_plan_label(admin_client, two_alike_plans):
    response = admin_client.get(
        "/admin/autocomplete/",
        {"term": "Per", "app_label": "reviews", "model_name": "irmreport",
         "field_name": "action_plan"},
        HTTP_ACCEPT_LANGUAGE="es",
    )  # fmt: skip

    assert [r["text"] for r in response.json()["results"]] == ["Perú · plan 1 (2012-2014)"]


@pytest.mark.parametrize(
    ("lang", "overdue", "scheduled"),
    [("en", "Overdue", "Scheduled"), ("es", "Vencido", "Programado")],
)
def test_an_overdue_milestone_shows_one_state(admin_client, lang, overdue, scheduled):
    late = factories.MilestoneFactory(title="Late one", due_date=datetime.date(2013, 6, 30))
    factories.MilestoneFactory(title="Future one", due_date=datetime.date(2999, 1, 1))

    listing = admin_client.get(
        "/admin/commitments/milestone/", HTTP_ACCEPT_LANGUAGE=lang
    ).content.decode()
    page = admin_client.get(
        f"/commitments/{late.commitment.ogp_id}/", HTTP_ACCEPT_LANGUAGE=lang
    ).content.decode()

    assert f'<td class="field-state">{overdue}</td>' in listing
    assert f'<td class="field-state">{scheduled}</td>' in listing
    late_row = page.split(' class="overdue"')[1].split("</tr>")[0]
    assert overdue in late_row and scheduled not in late_row


def test_partly_met_and_overdue_reads_as_one_state():
    milestone = factories.MilestoneFactory.build(
        status="partially_met", due_date=datetime.date(2013, 6, 30)
    )
    from django.utils import translation

    with translation.override("en"):
        assert milestone.state_label() == "Partially met, overdue"
        milestone.status = "met"
        assert milestone.state_label() == "Met"


@pytest.mark.parametrize(
    ("lang", "label"), [("en", "Civil-society editor"), ("es", "Editor de la sociedad civil")]
)
def test_roles_read_in_the_admins_language(admin_client, lang, label):
    editor = factories.make_editor()
    group = Group.objects.get(name=EDITOR)

    groups_page = admin_client.get("/admin/auth/group/", HTTP_ACCEPT_LANGUAGE=lang)
    user_page = admin_client.get(f"/admin/auth/user/{editor.pk}/change/", HTTP_ACCEPT_LANGUAGE=lang)
    users_page = admin_client.get("/admin/auth/user/", HTTP_ACCEPT_LANGUAGE=lang)

    assert f">{label}</a>" in groups_page.content.decode()
    assert f'<option value="{group.pk}" selected>{label}</option>' in user_page.content.decode()
    assert f">{label}</a></li>" in users_page.content.decode()
