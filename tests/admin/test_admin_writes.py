"""What the admin lets people write, and what it refuses: append-only records, publishing through the
service, organisation aliases, and a plan administrator's limits on user accounts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from commitments.models import Commitment, OrganizationAlias, StatusUpdate
from reviews.models import IRMReport
from tests import factories

pytestmark = pytest.mark.django_db


def test_status_update_admin_refuses_add_change_and_delete_even_to_a_superuser(client, superuser):
    update = factories.StatusUpdateFactory(completion="limited", note="As reported")
    client.force_login(superuser)
    change_url = reverse("admin:commitments_statusupdate_change", args=[update.pk])

    assert client.get(reverse("admin:commitments_statusupdate_add")).status_code == 403
    assert (
        client.get(reverse("admin:commitments_statusupdate_delete", args=[update.pk])).status_code
        == 403
    )
    # The change page opens read-only (no save button) and a forged POST changes nothing.
    page = client.get(change_url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert client.post(change_url, {"completion": "complete", "note": "Edited"}).status_code == 403
    changelist = reverse("admin:commitments_statusupdate_changelist")
    response = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [update.pk], "post": "yes"}
    )
    assert response.status_code in (200, 302)
    update.refresh_from_db()
    assert (update.completion, update.note) == ("limited", "As reported")
    assert StatusUpdate.objects.count() == 1


def test_publish_action_publishes_the_report_and_moves_the_irm_figures(client, plan_admin):
    report = factories.IRMReportFactory(state=IRMReport.State.SUBMITTED, published_on=None)
    assessment = factories.AssessmentFactory(report=report, completion="complete")
    client.force_login(plan_admin)

    response = client.post(
        reverse("admin:reviews_irmreport_changelist"),
        {"action": "publish_selected", "_selected_action": [report.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    report.refresh_from_db()
    assert report.state == IRMReport.State.PUBLISHED
    assert report.published_on is not None
    assert Commitment.objects.get(pk=assessment.commitment_id).irm_completion == "complete"


def test_publishing_an_already_published_report_says_so_and_changes_nothing(client, plan_admin):
    report = factories.IRMReportFactory(state=IRMReport.State.PUBLISHED)
    client.force_login(plan_admin)
    response = client.post(
        reverse("admin:reviews_irmreport_changelist"),
        {"action": "publish_selected", "_selected_action": [report.pk]},
        follow=True,
    )
    # A warning naming the report, no success message.
    assert [m.level_tag for m in response.context["messages"]] == ["warning"]
    assert str(report) in next(str(m) for m in response.context["messages"])
    report.refresh_from_db()
    assert report.version == 1


def test_editing_an_assessment_of_a_published_report_updates_the_commitment_and_star(
    client, superuser
):
    report = factories.IRMReportFactory(state=IRMReport.State.PUBLISHED)
    assessment = factories.AssessmentFactory(
        report=report,
        completion="limited",
        specificity="high",
        potential_impact="transformative",
        relevant_access_to_information=True,
    )
    client.force_login(superuser)
    url = reverse("admin:reviews_assessment_change", args=[assessment.pk])
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        report=report.pk,
        commitment=assessment.commitment_id,
        completion="complete",
        relevant_access_to_information="true",
    )
    data = {k: ("" if v is False else v) for k, v in data.items()}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assessment.refresh_from_db()
    assert assessment.completion == "complete"
    assert assessment.starred is True  # computed, never typed
    commitment = Commitment.objects.get(pk=assessment.commitment_id)
    assert (commitment.irm_completion, commitment.irm_starred) == ("complete", True)


def test_a_duplicate_alias_is_a_form_error_not_a_server_error(client, superuser):
    organization = factories.OrganizationFactory(name="Contraloría General de la República")
    OrganizationAlias.objects.create(organization=organization, name="CGR", normalized="cgr")
    client.force_login(superuser)
    response = client.post(
        reverse("admin:commitments_organizationalias_add"),
        {"organization": organization.pk, "name": "cgr"},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["name"]
    assert OrganizationAlias.objects.count() == 1


def test_plan_admin_sets_a_users_organisation_but_cannot_make_anyone_superuser(client, plan_admin):
    from commitments.models import Profile

    person = factories.UserFactory(username="ana")
    organization = factories.OrganizationFactory(name="Proética")
    client.force_login(plan_admin)
    url = reverse("admin:auth_user_change", args=[person.pk])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        url,
        {
            "username": "ana",
            "email": "ana@example.org",
            "is_active": "on",
            "is_superuser": "on",
            "date_joined_0": "2024-01-01",
            "date_joined_1": "10:00:00",
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "0",
            "profile-MIN_NUM_FORMS": "0",
            "profile-MAX_NUM_FORMS": "1",
            "profile-0-organization": organization.pk,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    assert person.is_superuser is False
    assert Profile.objects.get(user=person).organization == organization


def test_plan_admin_cannot_change_a_superuser(client, plan_admin, superuser):
    client.force_login(plan_admin)
    url = reverse("admin:auth_user_change", args=[superuser.pk])
    response = client.post(url, {"username": superuser.username, "email": "taken@example.org"})
    assert response.status_code == 403
    superuser.refresh_from_db()
    assert superuser.email != "taken@example.org"


def test_admin_login_page_logs_a_plan_admin_in(client):
    user = factories.make_plan_admin(username="planner")
    response = client.post(
        reverse("admin:login"),
        {"username": "planner", "password": factories.PASSWORD, "next": "/admin/"},
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).context["user"] == user


def test_only_irm_researchers_can_be_assigned_to_a_report(client, plan_admin, researcher):
    report = factories.IRMReportFactory(state=IRMReport.State.DRAFT, published_on=None)
    outsider = factories.make_editor()
    client.force_login(plan_admin)
    url = reverse("admin:reviews_irmreport_change", args=[report.pk])
    base = {
        "action_plan": report.action_plan_id,
        "kind": report.kind,
        "methodology": report.methodology,
        "title": "",
        "url": "",
        "version": str(report.version),  # the version the form was opened at (no lost updates)
        "assessments-TOTAL_FORMS": "0",
        "assessments-INITIAL_FORMS": "0",
        "assessments-MIN_NUM_FORMS": "0",
        "assessments-MAX_NUM_FORMS": "1000",
    }
    refused = client.post(url, {**base, "researchers": [outsider.pk]})
    assert refused.status_code == 200
    assert refused.context["adminform"].form.errors["researchers"]
    assert list(report.researchers.all()) == []

    accepted = client.post(url, {**base, "researchers": [researcher.pk]})
    assert accepted.status_code == 302
    assert list(report.researchers.all()) == [researcher]


def test_history_of_a_commitment_opens(client, superuser):
    commitment = factories.CommitmentFactory()
    client.force_login(superuser)
    response = client.get(reverse("admin:commitments_commitment_history", args=[commitment.pk]))
    assert response.status_code == 200
