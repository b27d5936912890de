"""Only a submitted IRM report can be published, on the site and in the admin; a researcher with
staff status cannot edit a published assessment in the admin (issue 13)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reviews.models import Assessment, IRMReport
from tests import factories
from tests.admin_forms import admin_post_data

pytestmark = pytest.mark.django_db


def test_plan_admin_cannot_publish_a_draft_from_the_report_page(client, world):
    factories.AssessmentFactory(report=world.draft, commitment=world.commitment)
    client.force_login(world.plan_admin)

    response = client.post(
        f"/irm/reports/{world.draft.pk}/publish/", follow=True, headers={"accept-language": "en"}
    )

    assert "Only a report submitted for publication can be published." in response.content.decode()
    world.draft.refresh_from_db()
    assert (world.draft.state, world.draft.version) == (IRMReport.State.DRAFT, 1)


def test_admin_publish_action_refuses_a_draft_with_a_warning(client, world):
    client.force_login(world.plan_admin)

    response = client.post(
        reverse("admin:reviews_irmreport_changelist"),
        {"action": "publish_selected", "_selected_action": [world.draft.pk]},
        follow=True,
    )

    assert [m.level_tag for m in response.context["messages"]] == ["warning"]
    world.draft.refresh_from_db()
    assert world.draft.state == IRMReport.State.DRAFT


def test_admin_publish_action_publishes_a_submitted_report(client, world):
    IRMReport.objects.filter(pk=world.draft.pk).update(state=IRMReport.State.SUBMITTED)
    client.force_login(world.plan_admin)

    client.post(
        reverse("admin:reviews_irmreport_changelist"),
        {"action": "publish_selected", "_selected_action": [world.draft.pk]},
    )

    world.draft.refresh_from_db()
    assert world.draft.state == IRMReport.State.PUBLISHED


def _change_url(assessment: Assessment) -> str:
    return reverse("admin:reviews_assessment_change", args=[assessment.pk])


def test_staff_researcher_cannot_edit_a_published_assessment_in_the_admin(client, world):
    world.researcher.is_staff = True
    world.researcher.save(update_fields=["is_staff"])
    world.published.researchers.add(world.researcher)
    published = factories.AssessmentFactory(
        report=world.published, commitment=world.commitment, narrative="As published"
    )
    client.force_login(world.plan_admin)
    data = admin_post_data(client.get(_change_url(published)))
    data["narrative"] = "Rewritten after publication"
    client.force_login(world.researcher)

    page = client.get(_change_url(published))
    response = client.post(_change_url(published), data)

    assert page.status_code == 200 and not page.context["has_change_permission"]
    assert response.status_code == 403
    published.refresh_from_db()
    assert (published.narrative, published.version) == ("As published", 1)


def test_staff_researcher_still_edits_their_draft_assessment_in_the_admin(client, world):
    world.researcher.is_staff = True
    world.researcher.save(update_fields=["is_staff"])
    draft = factories.AssessmentFactory(report=world.draft, commitment=world.commitment)
    client.force_login(world.researcher)
    data = admin_post_data(client.get(_change_url(draft)))
    data["narrative"] = "Checked in the admin"

    response = client.post(_change_url(draft), data)

    assert response.status_code == 302, response.content[:500]
    draft.refresh_from_db()
    assert draft.narrative == "Checked in the admin"
