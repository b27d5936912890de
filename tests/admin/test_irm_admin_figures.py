"""Every IRM write the admin makes (edit, delete, inline edit of a published report's assessments)
goes through reviews.services: the commitment's IRM status moves, and the figures with it, as
publishing does."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from commitments.figures.counting import completion_figures
from commitments.models import Commitment
from reviews.models import Assessment, IRMReport
from tests import factories
from tests.admin_forms import admin_post_data

pytestmark = pytest.mark.django_db


def _published_assessment(**values) -> Assessment:
    # Commitments made first, so no assessment shares its id with its commitment.
    factories.CommitmentFactory.create_batch(3)
    report = factories.IRMReportFactory(state=IRMReport.State.PUBLISHED)
    return factories.AssessmentFactory(report=report, **values)


def _bystander() -> tuple[Commitment, object]:
    """A commitment with a published assessment no edit here is about, and its updated_at."""
    other = factories.AssessmentFactory(completion="substantial")
    Commitment.objects.filter(pk=other.commitment_id).update(irm_completion="substantial")
    commitment = Commitment.objects.get(pk=other.commitment_id)
    return commitment, commitment.updated_at


def _untouched(bystander: tuple[Commitment, object]) -> bool:
    commitment, updated_at = bystander
    return Commitment.objects.get(pk=commitment.pk).updated_at == updated_at


def test_deleting_an_assessment_of_a_published_report_clears_the_commitment(
    client, superuser, django_capture_on_commit_callbacks
):
    assessment = _published_assessment(completion="complete")
    Commitment.objects.filter(pk=assessment.commitment_id).update(irm_completion="complete")
    bystander = _bystander()
    client.force_login(superuser)
    url = reverse("admin:reviews_assessment_delete", args=[assessment.pk])

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"post": "yes"}).status_code == 302

    assert Commitment.objects.get(pk=assessment.commitment_id).irm_completion == ""
    assert _untouched(bystander)


def test_deleting_a_published_report_from_the_list_clears_its_commitments(
    client, superuser, django_capture_on_commit_callbacks
):
    assessment = _published_assessment(completion="substantial")
    Commitment.objects.filter(pk=assessment.commitment_id).update(irm_completion="substantial")
    bystander = _bystander()
    client.force_login(superuser)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:reviews_irmreport_changelist"),
            {
                "action": "delete_selected",
                "_selected_action": [assessment.report_id],
                "post": "yes",
            },
        )

    assert response.status_code == 302
    assert not IRMReport.objects.filter(pk=assessment.report_id).exists()
    assert Commitment.objects.get(pk=assessment.commitment_id).irm_completion == ""
    assert _untouched(bystander)


def test_deleting_a_draft_report_leaves_the_public_figures_alone(
    client, superuser, django_capture_on_commit_callbacks
):
    draft = factories.IRMReportFactory(state=IRMReport.State.DRAFT, published_on=None)
    assessment = factories.AssessmentFactory(report=draft, completion="complete")
    before = Commitment.objects.get(pk=assessment.commitment_id).updated_at
    client.force_login(superuser)
    url = reverse("admin:reviews_irmreport_delete", args=[draft.pk])

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"post": "yes"}).status_code == 302

    assert not IRMReport.objects.exists()
    assert Commitment.objects.get(pk=assessment.commitment_id).updated_at == before


def test_moving_an_assessment_to_another_commitment_refreshes_both(
    client, superuser, django_capture_on_commit_callbacks
):
    assessment = _published_assessment(completion="complete")
    moved_from = assessment.commitment_id
    Commitment.objects.filter(pk=moved_from).update(irm_completion="complete")
    target = factories.CommitmentFactory(action_plan=assessment.report.action_plan)
    bystander = _bystander()
    client.force_login(superuser)
    url = reverse("admin:reviews_assessment_change", args=[assessment.pk])
    data = admin_post_data(client.get(url))
    data["commitment"] = target.pk

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302

    assert Commitment.objects.get(pk=moved_from).irm_completion == ""
    assert Commitment.objects.get(pk=target.pk).irm_completion == "complete"
    assert _untouched(bystander)


def test_editing_a_published_reports_assessment_inline_moves_the_figures_and_its_version(
    client, superuser, django_capture_on_commit_callbacks
):
    assessment = _published_assessment(completion="limited")
    client.force_login(superuser)
    url = reverse("admin:reviews_irmreport_change", args=[assessment.report_id])
    data = admin_post_data(client.get(url))
    key = next(k for k in data if k.startswith("assessments-") and k.endswith("-completion"))
    data[key] = "complete"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)

    assert response.status_code == 302
    assessment.refresh_from_db()
    assert (assessment.completion, assessment.version) == ("complete", 2)
    assert Commitment.objects.get(pk=assessment.commitment_id).irm_completion == "complete"


def test_editing_a_draft_reports_assessment_leaves_the_public_figures_alone(
    client, superuser, django_capture_on_commit_callbacks
):
    report = factories.IRMReportFactory(state=IRMReport.State.DRAFT, published_on=None)
    assessment = factories.AssessmentFactory(report=report, completion="limited")
    client.force_login(superuser)
    url = reverse("admin:reviews_assessment_change", args=[assessment.pk])
    data = admin_post_data(client.get(url))
    data["completion"] = "complete"

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302

    assessment.refresh_from_db()
    assert (assessment.completion, assessment.version) == ("complete", 2)
    assert Commitment.objects.get(pk=assessment.commitment_id).irm_completion == ""


def test_a_new_publication_date_moves_the_day_the_figures_count_the_rating_from(
    client, superuser, django_capture_on_commit_callbacks
):
    assessment = _published_assessment(completion="complete")
    client.force_login(superuser)
    url = reverse("admin:reviews_irmreport_change", args=[assessment.report_id])
    data = admin_post_data(client.get(url))
    data["published_on"] = "2015-04-01"

    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, data).status_code == 302

    report = IRMReport.objects.get(pk=assessment.report_id)
    assert (str(report.published_on), report.version) == ("2015-04-01", 2)
    assert Commitment.objects.get(pk=assessment.commitment_id).irm_completion == "complete"
    one = Commitment.objects.filter(pk=assessment.commitment_id)
    assert completion_figures(one, day=datetime.date(2015, 3, 31)).irm.counts["complete"] == 0
    assert completion_figures(one, day=datetime.date(2015, 4, 1)).irm.counts["complete"] == 1


@pytest.mark.parametrize("kind", ["report", "assessment"])
def test_an_irm_admin_save_is_refused_when_a_change_lands_after_the_form_was_checked(
    client, superuser, monkeypatch, kind
):
    """The form's clean() catches a stale version it can see; the service's claim must refuse the
    save when another change lands between that check and the save."""
    from commitments.versioning import VersionedModelForm, update_versioned

    assessment = _published_assessment(narrative="First")
    obj, field = (assessment.report, "title") if kind == "report" else (assessment, "narrative")
    client.force_login(superuser)
    url = reverse(f"admin:reviews_{obj._meta.model_name}_change", args=[obj.pk])
    data = admin_post_data(client.get(url))
    data[field] = "From Jorge"
    rosa = factories.make_plan_admin(username="rosa")
    update_versioned(obj, expected_version=1, changes={field: "From Rosa"}, user=rosa)
    monkeypatch.setattr(
        VersionedModelForm, "clean", lambda form: super(VersionedModelForm, form).clean()
    )

    response = client.post(url, data)

    assert response.status_code == 302 and response["Location"] == url  # back to the form
    obj.refresh_from_db()
    assert (getattr(obj, field), obj.version) == ("From Rosa", 2)
