"""Every admin page a plan administrator uses opens: each changelist and a change page, for a
superuser and for a plan administrator (who sees exactly the models their role may view)."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from tests import factories

from .conftest import ROW_MAKERS

pytestmark = pytest.mark.django_db

REGISTERED = sorted(admin.site._registry, key=lambda m: m._meta.label)
OWN_APPS = {"commitments", "reviews", "questions"}


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def may_view(user, model) -> bool:
    opts = model._meta
    return user.is_superuser or any(
        user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")
        for action in ("view", "change")
    )


def test_every_model_of_the_project_is_in_the_admin():
    from django.apps import apps

    missing = [
        model._meta.label
        for app in OWN_APPS
        for model in apps.get_app_config(app).get_models()
        if not model.__name__.startswith("Historical") and model not in admin.site._registry
    ]
    assert missing == []


@pytest.mark.parametrize("role", ["superuser", "plan_admin"])
def test_every_changelist_and_a_change_page_open(client, role):
    user = (
        factories.UserFactory(is_staff=True, is_superuser=True)
        if role == "superuser"
        else factories.make_plan_admin()
    )
    for maker in ROW_MAKERS.values():
        maker(1)
    client.force_login(user)

    assert client.get(reverse("admin:index")).status_code == 200
    for model in REGISTERED:
        expected = 200 if may_view(user, model) else 403
        response = client.get(admin_url(model, "changelist"))
        assert response.status_code == expected, model._meta.label
        row = model._default_manager.order_by("pk").first()
        if row is None:  # a third-party log with nothing in it yet
            continue
        response = client.get(admin_url(model, "change", row.pk))
        assert response.status_code == expected, model._meta.label


def test_plan_admin_sees_evidence_but_cannot_add_or_change_it(client, plan_admin):
    from commitments.models import ActionPlan, StatusEvidence

    client.force_login(plan_admin)
    assert client.get(admin_url(ActionPlan, "changelist")).status_code == 200
    # Evidence is append-only: a plan administrator may look (to moderate), never add or edit.
    assert client.get(admin_url(StatusEvidence, "changelist")).status_code == 200
    assert client.get(admin_url(StatusEvidence, "add")).status_code == 403


def test_search_finds_a_commitment_by_an_alias_of_its_lead_organisation(client, superuser):
    from commitments.models import Commitment, OrganizationAlias, normalize_name

    organization = factories.OrganizationFactory(name="Secretaría de Gestión Pública")
    OrganizationAlias.objects.create(
        organization=organization,
        name="Secretaria de la Gestion Publica (SGP)",
        normalized=normalize_name("Secretaria de la Gestion Publica (SGP)"),
    )
    found = factories.CommitmentFactory(ogp_id="PE0001", lead_organization=organization)
    factories.CommitmentFactory(ogp_id="PE0002")
    client.force_login(superuser)
    response = client.get(admin_url(Commitment, "changelist"), {"q": "de la Gestion"})
    assert list(response.context["cl"].result_list) == [found]


def test_filters_by_member_plan_organisation_completion_and_star(client, superuser):
    from commitments.models import Commitment

    starred = factories.CommitmentFactory(irm_completion="complete", irm_starred=True)
    factories.CommitmentFactory(irm_completion="limited", self_reported_completion="complete")
    client.force_login(superuser)
    url = admin_url(Commitment, "changelist")
    for params in (
        {"irm_starred__exact": "1"},
        {"irm_completion__exact": "complete"},
        {"action_plan__id__exact": starred.action_plan_id},
        {"action_plan__member__id__exact": starred.action_plan.member_id},
        {"lead_organization__id__exact": starred.lead_organization_id},
    ):
        response = client.get(url, params)
        assert list(response.context["cl"].result_list) == [starred], params
    response = client.get(url, {"self_reported_completion__exact": "complete"})
    assert [c.irm_completion for c in response.context["cl"].result_list] == ["limited"]


def test_plan_list_shows_commitments_and_completion_rates(client, superuser):
    from commitments.models import ActionPlan

    plan = factories.ActionPlanFactory(title="Plan under test")
    for level in ("complete", "substantial", "limited", "withdrawn"):
        factories.CommitmentFactory(action_plan=plan, irm_completion=level)
    client.force_login(superuser)
    response = client.get(admin_url(ActionPlan, "changelist"))
    row = next(r for r in response.context["results"] if "Plan under test" in "".join(r))
    cells = "".join(row)
    # 4 commitments; IRM complete 1 of 4; high completion (substantial + complete) 2 of 4.
    assert ">4<" in cells
    assert ">1/4<" in cells
    assert ">2/4<" in cells


def test_commitment_page_shows_status_updates_read_only_and_milestones_editable(client, superuser):
    commitment = factories.CommitmentFactory()
    factories.MilestoneFactory(commitment=commitment)
    factories.StatusUpdateFactory(commitment=commitment, note="Reported by civil society")
    client.force_login(superuser)
    from commitments.models import Commitment

    response = client.get(admin_url(Commitment, "change", commitment.pk))
    assert response.status_code == 200
    inlines = {f.formset.prefix: f for f in response.context["inline_admin_formsets"]}
    assert inlines["status_updates"].has_add_permission is False
    assert inlines["status_updates"].has_change_permission is False
    assert inlines["status_updates"].has_delete_permission is False
    assert "Reported by civil society" in response.content.decode()
    assert inlines["milestones"].has_change_permission is True


def test_organisation_picker_finds_names_typed_without_accents(client, plan_admin):
    from commitments.models import Organization, OrganizationAlias, normalize_name

    organization = factories.OrganizationFactory(
        name="Oficina Nacional de Gobierno Electrónico e Informática",
        normalized_name=normalize_name("Oficina Nacional de Gobierno Electrónico e Informática"),
        acronym="ONGEI",
    )
    OrganizationAlias.objects.create(
        organization=organization,
        name="Oficina Nacional de Gobierno Electrónico y Informática (ONGEI)",
        normalized=normalize_name("Oficina Nacional de Gobierno Electrónico y Informática (ONGEI)"),
    )
    factories.OrganizationFactory(name="Poder Judicial")
    client.force_login(plan_admin)
    for term in ("electronico", "Electrónico y Informática", "ongei"):
        response = client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "commitments",
                "model_name": "commitment",
                "field_name": "lead_organization",
                "term": term,
            },
        )
        assert [r["id"] for r in response.json()["results"]] == [str(organization.pk)], term
    assert Organization.objects.count() == 2
