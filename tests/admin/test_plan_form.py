"""A plan administrator enters a plan and its commitments on one form (issue 12): commitments
inline, the next free ids offered, the plan's id and status following from what was typed."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib import admin

from commitments.models import ActionPlan, Commitment, CommitmentFormerId
from tests import factories
from tests.admin_forms import admin_post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def peru_plan():
    peru = factories.MemberFactory(code="PER", name="Perú", commitment_prefix="PE")
    plan = factories.ActionPlanFactory(member=peru, number=2, ogp_id="AP_PER02")
    factories.CommitmentFactory(action_plan=plan, ogp_id="PE0047", title="Portal de datos")
    factories.CommitmentFactory(action_plan=plan, ogp_id="PE0048", title="Acceso a información")
    return plan


def listed_statuses(response) -> list[str]:
    return re.findall(r'<td class="field-current_status">([^<]*)</td>', response.content.decode())


def change_url(plan: ActionPlan) -> str:
    return f"/admin/commitments/actionplan/{plan.pk}/change/"


def test_plan_form_lists_its_commitments_and_offers_the_next_free_id(client, plan_admin, peru_plan):
    client.force_login(plan_admin)
    response = client.get(change_url(peru_plan))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Portal de datos" in html and "Acceso a información" in html
    new_row = response.context["inline_admin_formsets"][0].formset.extra_forms[0]
    assert new_row["ogp_id"].value() == "PE0049"


def test_a_retired_id_is_never_offered_again(client, plan_admin, peru_plan):
    kept = Commitment.objects.get(ogp_id="PE0047")
    CommitmentFormerId.objects.create(ogp_id="PE0050", commitment=kept)
    other_member = factories.MemberFactory(commitment_prefix="PER")
    factories.CommitmentFactory(action_plan__member=other_member, ogp_id="PER0099")
    assert Commitment.objects.next_free_ogp_ids(peru_plan.member, count=2) == ["PE0051", "PE0052"]


def test_adding_a_commitment_on_the_plan_form_saves_it_and_an_untouched_row_saves_nothing(
    client, plan_admin, peru_plan
):
    client.force_login(plan_admin)
    organisation = factories.OrganizationFactory(name="Contraloría General")
    page = client.get(change_url(peru_plan))
    data = admin_post_data(page)
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    row = f"{prefix}-2"
    data.update(
        {
            f"{row}-title": "Presupuesto abierto",
            f"{row}-number": "3",
            f"{row}-start_date": "2014-01-01",
            f"{row}-end_date": "2015-12-31",
            f"{row}-lead_organization": str(organisation.pk),
        }
    )
    response = client.post(change_url(peru_plan), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    added = Commitment.objects.get(ogp_id="PE0049")
    assert added.action_plan == peru_plan
    assert added.lead_organization == organisation
    assert added.end_date == datetime.date(2015, 12, 31)
    assert peru_plan.commitments.count() == 3

    # Saved again as it comes: the next id (PE0050) is offered, nothing is added.
    page = client.get(change_url(peru_plan))
    response = client.post(change_url(peru_plan), admin_post_data(page))
    assert response.status_code == 302
    assert peru_plan.commitments.count() == 3


def test_a_duplicate_id_on_the_plan_form_is_a_form_error(client, plan_admin, peru_plan):
    client.force_login(plan_admin)
    page = client.get(change_url(peru_plan))
    data = admin_post_data(page)
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data.update({f"{prefix}-2-ogp_id": "PE0048", f"{prefix}-2-title": "Otra vez"})
    response = client.post(change_url(peru_plan), data)
    assert response.status_code == 200
    assert peru_plan.commitments.count() == 2


def test_new_plan_past_its_end_date_is_saved_ended_with_its_id_made(client, plan_admin):
    client.force_login(plan_admin)
    peru = factories.MemberFactory(code="PER", name="Perú", commitment_prefix="PE")
    page = client.get("/admin/commitments/actionplan/add/")
    data = admin_post_data(page)
    data.update(
        {
            "member": str(peru.pk),
            "number": "3",
            "ogp_id": "",
            "title": "Plan de Acción de Gobierno Abierto 2015-2016",
            "start_date": "2015-07-01",
            "end_date": "2016-06-30",
            "status": "implementation",
        }
    )
    response = client.post("/admin/commitments/actionplan/add/", data)
    assert response.status_code == 302, response.context["errors"]
    plan = ActionPlan.objects.get(member=peru, number=3)
    assert plan.ogp_id == "AP_PER03"
    assert plan.status == ActionPlan.Status.ENDED
    listing = client.get("/admin/commitments/actionplan/", HTTP_ACCEPT_LANGUAGE="en")
    assert listed_statuses(listing) == ["Ended"]


def test_listed_status_follows_the_dates_of_a_plan_stored_earlier(client, plan_admin):
    client.force_login(plan_admin)
    factories.ActionPlanFactory(
        status=ActionPlan.Status.IMPLEMENTATION,
        start_date=datetime.date(2012, 1, 1),
        end_date=datetime.date(2014, 1, 1),
    )
    listing = client.get("/admin/commitments/actionplan/", HTTP_ACCEPT_LANGUAGE="en")
    assert listed_statuses(listing) == ["Ended"]
    spanish = client.get("/admin/commitments/actionplan/", HTTP_ACCEPT_LANGUAGE="es")
    assert listed_statuses(spanish) == ["Finalizado"]


def test_adding_a_commitment_from_its_plan_offers_the_next_id(client, plan_admin, peru_plan):
    client.force_login(plan_admin)
    response = client.get(f"/admin/commitments/commitment/add/?action_plan={peru_plan.pk}")
    assert response.status_code == 200
    assert response.context["adminform"].form["ogp_id"].value() == "PE0049"
    assert client.get("/admin/commitments/commitment/add/?action_plan=x").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/admin/commitments/commitment/?action_plan=x",
        "/admin/commitments/commitment/?action_plan__id__exact=x",
        "/admin/commitments/milestone/?commitment__action_plan__id__exact=x",
        "/admin/commitments/proposal/?action_plan=x",
        "/admin/reviews/irmreport/?action_plan=x",
        "/admin/commitments/actionplan/?member__id__exact=x",
    ],
)
def test_a_bad_filter_value_is_not_a_server_error(client, plan_admin, url):
    client.force_login(plan_admin)
    response = client.get(url, follow=True)
    assert response.status_code == 200


def add_form_urls_with_a_bad_relation_value() -> list[str]:
    urls = []
    for model in admin.site._registry:
        for field in model._meta.get_fields():
            if (field.many_to_one or field.many_to_many) and getattr(field, "editable", False):
                meta = model._meta
                urls.append(f"/admin/{meta.app_label}/{meta.model_name}/add/?{field.name}=x")
    return urls


def test_an_add_form_with_a_bad_value_in_its_address_opens(admin_client):
    """?action_plan=x on the add form of a commitment (and of anything else) was a 500."""
    urls = add_form_urls_with_a_bad_relation_value()
    assert "/admin/commitments/commitment/add/?action_plan=x" in urls
    # Append-only records have no add form (403); none may fail.
    answers = {url: admin_client.get(url).status_code for url in urls}
    assert {url: status for url, status in answers.items() if status not in (200, 403)} == {}
    assert answers["/admin/commitments/commitment/add/?action_plan=x"] == 200
