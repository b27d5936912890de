"""The IRM researcher's workspace: assessments in draft reports, submit, publish, and who may see what."""

from __future__ import annotations

import pytest

from reviews.models import Assessment, IRMReport, Methodology
from tests import factories

pytestmark = pytest.mark.django_db

STAR_SCALES = {
    "specificity": "high",
    "relevant_access_to_information": "true",
    "relevant_civic_participation": "",
    "relevant_public_accountability": "false",
    "relevant_technology_innovation": "",
    "potential_impact": "transformative",
    "completion": "complete",
    "opened_government": "major",
    "narrative": "The portal works in every ministry.",
    "sources": "https://example.org/portal",
}


def _assess_url(report, commitment) -> str:
    return f"/irm/reports/{report.pk}/assess/{commitment.ogp_id}/"


def test_researcher_files_an_assessment_and_the_star_is_computed(client, world):
    client.force_login(world.researcher)
    response = client.post(_assess_url(world.draft, world.commitment), STAR_SCALES)
    assert response.status_code == 302
    assessment = Assessment.objects.get(report=world.draft, commitment=world.commitment)
    assert assessment.starred is True and assessment.star_formula == "current"
    assert assessment.relevant_access_to_information is True
    assert assessment.relevant_civic_participation is None
    assert assessment.relevant_public_accountability is False
    assert assessment.narrative == "The portal works in every ministry."


def test_the_star_cannot_be_typed_in(client, world):
    client.force_login(world.researcher)
    data = {**STAR_SCALES, "specificity": "low", "starred": "on", "star_formula": "2015"}
    client.post(_assess_url(world.draft, world.commitment), data)
    assessment = Assessment.objects.get(report=world.draft, commitment=world.commitment)
    assert assessment.starred is False
    assert assessment.star_formula == "current"


def test_form_shows_only_the_methodology_scales_with_definitions(client, world):
    client.force_login(world.researcher)
    html = client.get(
        _assess_url(world.draft, world.commitment), headers={"accept-language": "en"}
    ).content.decode()
    assert 'name="specificity"' in html and 'name="potential_impact"' in html
    assert 'name="potential_for_results"' not in html and 'name="verifiable"' not in html
    assert "Clear, measurable and verifiable milestones." in html  # help text in words
    assert '<label for="id_specificity">' in html

    world.draft.methodology = Methodology.FROM_2021
    world.draft.save()
    html = client.get(_assess_url(world.draft, world.commitment)).content.decode()
    assert 'name="potential_for_results"' in html and 'name="verifiable"' in html
    assert 'name="specificity"' not in html


def test_scale_from_another_methodology_is_not_saved(client, world):
    client.force_login(world.researcher)
    data = {**STAR_SCALES, "potential_for_results": "substantial"}
    client.post(_assess_url(world.draft, world.commitment), data)
    assert Assessment.objects.get().potential_for_results == ""


def test_bad_choice_is_shown_and_nothing_is_saved(client, world):
    client.force_login(world.researcher)
    data = {**STAR_SCALES, "specificity": "enormous"}
    response = client.post(
        _assess_url(world.draft, world.commitment), data, headers={"accept-language": "en"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Select a valid choice" in html
    assert "The portal works in every ministry." in html  # other input kept
    assert not Assessment.objects.exists()


def test_editing_keeps_one_assessment_and_refuses_a_stale_version(client, world):
    client.force_login(world.researcher)
    url = _assess_url(world.draft, world.commitment)
    client.post(url, STAR_SCALES)
    assessment = Assessment.objects.get()
    client.post(url, {**STAR_SCALES, "completion": "limited", "version": assessment.version})
    assessment.refresh_from_db()
    assert assessment.completion == "limited" and assessment.starred is False
    stale = client.post(url, {**STAR_SCALES, "version": assessment.version - 1})
    assert stale.status_code == 400
    assert Assessment.objects.count() == 1


def test_other_researcher_cannot_see_or_assess_someone_elses_draft(client, world):
    client.force_login(world.other_researcher)
    assert client.get(f"/irm/reports/{world.draft.pk}/").status_code == 404
    assert client.get(_assess_url(world.draft, world.commitment)).status_code == 404
    assert client.post(_assess_url(world.draft, world.commitment), STAR_SCALES).status_code == 404
    assert client.post(f"/irm/reports/{world.draft.pk}/submit/").status_code == 404
    assert not Assessment.objects.exists()


def test_editor_cannot_see_drafts(client, world):
    client.force_login(world.editor)
    assert client.get(f"/irm/reports/{world.draft.pk}/").status_code == 404
    assert client.get(_assess_url(world.draft, world.commitment)).status_code == 404
    assert client.get("/irm/reports/").status_code == 403


def test_anonymous_never_sees_drafts_even_by_guessing_urls(client, world):
    factories.AssessmentFactory(report=world.draft, commitment=world.commitment)
    assert client.get(f"/irm/reports/{world.draft.pk}/").status_code == 404
    response = client.get(_assess_url(world.draft, world.commitment))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(f"/irm/reports/{world.draft.pk}/publish/").status_code == 302
    world.draft.refresh_from_db()
    assert world.draft.state == IRMReport.State.DRAFT


def test_researcher_cannot_edit_a_published_report(client, world):
    world.published.researchers.add(world.researcher)
    client.force_login(world.researcher)
    assert client.get(_assess_url(world.published, world.commitment)).status_code == 403
    assert (
        client.post(_assess_url(world.published, world.commitment), STAR_SCALES).status_code == 403
    )


def test_commitment_of_another_plan_is_404(client, world):
    elsewhere = factories.CommitmentFactory()
    client.force_login(world.researcher)
    assert client.get(_assess_url(world.draft, elsewhere)).status_code == 404


def test_workspace_lists_the_plans_commitments_with_assessment_status(client, world):
    client.force_login(world.researcher)
    client.post(_assess_url(world.draft, world.commitment), STAR_SCALES)
    html = client.get(
        f"/irm/reports/{world.draft.pk}/", headers={"accept-language": "en"}
    ).content.decode()
    assert world.commitment.title in html and world.other.title in html
    assert "Not assessed" in html and "Submit for publication" in html
    assert _assess_url(world.draft, world.other) in html
    listing = client.get("/irm/reports/").content.decode()
    assert "Secret draft report" in listing


def test_submit_then_plan_admin_publishes_and_it_appears_publicly(client, world):
    client.force_login(world.researcher)
    client.post(_assess_url(world.draft, world.commitment), STAR_SCALES)
    # One of the plan's two commitments is left unassessed, on purpose and confirmed.
    submitted = client.post(f"/irm/reports/{world.draft.pk}/submit/", {"confirm_unassessed": "1"})
    assert submitted.status_code == 302
    world.draft.refresh_from_db()
    assert world.draft.state == IRMReport.State.SUBMITTED
    # Submitted: no more edits, and the researcher cannot publish.
    assert client.post(_assess_url(world.draft, world.commitment), STAR_SCALES).status_code == 403
    assert client.post(f"/irm/reports/{world.draft.pk}/publish/").status_code == 403

    client.force_login(world.plan_admin)
    html = client.get(
        f"/irm/reports/{world.draft.pk}/", headers={"accept-language": "en"}
    ).content.decode()
    assert "Publish the report" in html
    assert client.post(f"/irm/reports/{world.draft.pk}/publish/").status_code == 302
    world.draft.refresh_from_db()
    assert world.draft.state == IRMReport.State.PUBLISHED

    client.logout()
    page = client.get(
        f"/commitments/{world.commitment.ogp_id}/", headers={"accept-language": "en"}
    ).content.decode()
    assert "The portal works in every ministry." in page
    assert "Starred: the IRM counts this as an exemplary commitment." in page
    world.commitment.refresh_from_db()
    assert world.commitment.irm_completion == "complete" and world.commitment.irm_starred


def test_submitting_an_empty_report_is_refused_with_a_message(client, world):
    client.force_login(world.researcher)
    response = client.post(f"/irm/reports/{world.draft.pk}/submit/", follow=True)
    assert "Evalúe al menos un compromiso" in response.content.decode()
    world.draft.refresh_from_db()
    assert world.draft.state == IRMReport.State.DRAFT


def test_editor_cannot_publish(client, world):
    world.draft.state = IRMReport.State.SUBMITTED
    world.draft.save()
    client.force_login(world.editor)
    assert client.post(f"/irm/reports/{world.draft.pk}/publish/").status_code == 404
    world.draft.refresh_from_db()
    assert world.draft.state == IRMReport.State.SUBMITTED


def test_plan_admin_sees_drafts_but_does_not_assess_in_the_web_form(client, world):
    client.force_login(world.plan_admin)
    assert client.get(f"/irm/reports/{world.draft.pk}/").status_code == 200
    assert client.get(_assess_url(world.draft, world.commitment)).status_code == 403
    # Submitting is the researchers' step.
    assert client.post(f"/irm/reports/{world.draft.pk}/submit/").status_code == 403
    world.draft.refresh_from_db()
    assert world.draft.state == IRMReport.State.DRAFT


def test_forbidden_page_says_why_in_the_users_language(client, world):
    client.force_login(world.editor)
    response = client.get(
        f"/commitments/{world.other.ogp_id}/report/", headers={"accept-language": "en"}
    )
    assert response.status_code == 403
    assert "You may only report on commitments your organisation monitors, or, as a" in (
        response.content.decode()
    )
