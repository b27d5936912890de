"""The rules of an IRM draft as its researchers meet them in the workspace (issue 17): who may assess
and submit, what a report that is no longer a draft answers, the count a submit with unassessed
commitments names, and that assessing in a draft never touches another report's assessment. Each
refusal is checked word for word, in English and Spanish."""

from __future__ import annotations

import pytest

from reviews.forms import AssessmentForm
from reviews.models import Assessment, IRMReport
from tests import factories
from tests.web.test_irm_workspace import STAR_SCALES, _assess_url

pytestmark = pytest.mark.django_db


def _submit(client, report, language: str, **data: str):
    return client.post(
        f"/irm/reports/{report.pk}/submit/",
        data,
        follow=True,
        headers={"accept-language": language},
    )


def _shown(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Only a draft report can be submitted."),
        ("es", "Solo se puede enviar un informe en borrador."),
    ],
)
def test_submitting_a_report_already_submitted_says_it_is_no_longer_a_draft(
    client, world, language, message
):
    factories.AssessmentFactory(report=world.draft, commitment=world.commitment)
    IRMReport.objects.filter(pk=world.draft.pk).update(state=IRMReport.State.SUBMITTED, version=2)
    client.force_login(world.researcher)

    response = _submit(client, world.draft, language)

    assert response.status_code == 200 and _shown(response) == [message]
    assert message in response.content.decode()
    world.draft.refresh_from_db()
    assert (world.draft.state, world.draft.version) == (IRMReport.State.SUBMITTED, 2)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Only the researchers assigned to a report may submit it."),
        ("es", "Solo los investigadores asignados a un informe pueden enviarlo."),
    ],
)
@pytest.mark.parametrize("who", ["researcher_of_another_report", "plan_admin"])
def test_only_the_assigned_researchers_may_submit_a_report(client, world, who, language, message):
    # The researcher is assigned to the draft only; the published report is public, so they can
    # post to it. The plan administrator sees the draft, but submitting is the researchers' step.
    user, report = {
        "researcher_of_another_report": (world.researcher, world.published),
        "plan_admin": (world.plan_admin, world.draft),
    }[who]
    factories.AssessmentFactory(report=report, commitment=world.commitment)
    state = report.state
    client.force_login(user)

    response = _submit(client, report, language)

    assert response.status_code == 403
    assert response.context["exception"] == message
    assert message in response.content.decode()
    report.refresh_from_db()
    assert (report.state, report.version) == (state, 1)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        (
            "en",
            "1 of 2 commitments are assessed; 1 are not. Once submitted, the report can no longer "
            "be edited: confirm to submit anyway.",
        ),
        (
            "es",
            "1 de 2 compromisos están evaluados; 1 no lo están. Una vez enviado, el informe ya no "
            "se puede editar: confirme para enviarlo de todos modos.",
        ),
    ],
)
def test_submit_with_unassessed_commitments_asks_for_the_count_then_records_who_submitted(
    client, world, language, message
):
    factories.AssessmentFactory(report=world.draft, commitment=world.commitment)
    client.force_login(world.researcher)

    refused = _submit(client, world.draft, language)

    assert _shown(refused) == [message]
    world.draft.refresh_from_db()
    assert (world.draft.state, world.draft.version) == (IRMReport.State.DRAFT, 1)

    _submit(client, world.draft, language, confirm_unassessed="1")

    world.draft.refresh_from_db()
    assert (world.draft.state, world.draft.version) == (IRMReport.State.SUBMITTED, 2)
    latest = world.draft.history.latest()
    assert (latest.state, latest.history_user) == (IRMReport.State.SUBMITTED, world.researcher)


# What lands between the workspace's own check and the save: the report is submitted by a
# co-researcher, or this researcher is taken off it by a plan administrator.
def _submitted(world) -> None:
    IRMReport.objects.filter(pk=world.draft.pk).update(state=IRMReport.State.SUBMITTED)


def _unassigned(world) -> None:
    world.draft.researchers.remove(world.researcher)


@pytest.mark.parametrize(
    ("meanwhile", "status", "language", "message"),
    [
        (_submitted, 400, "en", "This report is no longer a draft: it cannot be changed."),
        (_submitted, 400, "es", "Este informe ya no es un borrador: no se puede cambiar."),
        (_unassigned, 403, "en", "Only the researchers assigned to a report may assess in it."),
        (
            _unassigned,
            403,
            "es",
            "Solo los investigadores asignados a un informe pueden evaluar en él.",
        ),
    ],
)
def test_a_save_overtaken_by_a_submit_or_an_unassignment_is_refused_with_a_reason(
    client, world, monkeypatch, meanwhile, status, language, message
):
    clean = AssessmentForm.clean

    def clean_while_it_happens(form):
        meanwhile(world)
        return clean(form)

    monkeypatch.setattr(AssessmentForm, "clean", clean_while_it_happens)
    client.force_login(world.researcher)

    response = client.post(
        _assess_url(world.draft, world.commitment),
        STAR_SCALES,
        headers={"accept-language": language},
    )

    assert response.status_code == status
    if status == 400:
        assert response.context["form"].non_field_errors() == [message]
    else:
        assert response.context["exception"] == message
    assert message in response.content.decode()
    assert not Assessment.objects.exists()


def test_assessing_a_commitment_in_the_draft_leaves_its_published_assessment_alone(client, world):
    published = factories.AssessmentFactory(
        report=world.published,
        commitment=world.commitment,
        completion="limited",
        narrative="As the IRM published it.",
    )
    client.force_login(world.researcher)

    response = client.post(_assess_url(world.draft, world.commitment), STAR_SCALES)

    assert response.status_code == 302
    draft = Assessment.objects.get(report=world.draft)
    assert (draft.commitment, draft.completion) == (world.commitment, "complete")
    published.refresh_from_db()
    assert (published.narrative, published.completion, published.version) == (
        "As the IRM published it.",
        "limited",
        1,
    )
    client.logout()
    page = client.get(f"/commitments/{world.commitment.ogp_id}/").content.decode()
    assert "As the IRM published it." in page and STAR_SCALES["narrative"] not in page


def _form_version(page) -> str:
    """The version the assessment form carries in its hidden field ("" for none)."""
    value = page.context["form"]["version"].value()
    return "" if value is None else str(value)


def test_a_co_researcher_who_assessed_first_is_not_overwritten_by_a_form_opened_before(
    client, world
):
    world.other_researcher.first_name, world.other_researcher.last_name = "Rosa", "Quispe"
    world.other_researcher.save()
    world.draft.researchers.add(world.other_researcher)
    url = _assess_url(world.draft, world.commitment)
    client.force_login(world.researcher)
    blank = client.get(url)  # the commitment is not assessed yet
    assert 'name="version" value="0"' in blank.content.decode()
    opened = _form_version(blank)
    client.force_login(world.other_researcher)
    rosas = client.post(url, {**STAR_SCALES, "version": _form_version(client.get(url))})
    assert rosas.status_code == 302
    client.force_login(world.researcher)

    refused = client.post(
        url,
        {**STAR_SCALES, "completion": "limited", "version": opened},
        headers={"accept-language": "en"},
    )

    assert refused.status_code == 400
    [error] = refused.context["form"].non_field_errors()
    assert error.startswith("This record was changed by Rosa Quispe at ")
    assessment = Assessment.objects.get()
    assert (assessment.completion, assessment.version) == ("complete", 1)
    # The refused form now carries the current version: saving again applies it, on purpose.
    again = client.post(
        url, {**STAR_SCALES, "completion": "limited", "version": _form_version(refused)}
    )
    assert again.status_code == 302
    assessment.refresh_from_db()
    assert (assessment.completion, assessment.version) == ("limited", 2)


def test_a_post_without_any_version_applies_over_the_current_assessment(client, world):
    # Not what the form page sends (it always carries a version), but what a hand-made post
    # without one gets: the save applies over the current assessment, never a server error.
    client.force_login(world.researcher)
    url = _assess_url(world.draft, world.commitment)
    assert client.post(url, STAR_SCALES).status_code == 302

    again = client.post(url, {**STAR_SCALES, "completion": "limited"})

    assert again.status_code == 302
    assessment = Assessment.objects.get()
    assert (assessment.completion, assessment.version) == ("limited", 2)
    assert assessment.history.latest().history_user == world.researcher
