"""What the write API refuses in a draft IRM assessment (issue 17): a scale of the other methodology
(400 naming each such field) and an assessment whose commitment is not in the report's plan (400),
word for word in English and Spanish, with nothing stored."""

from __future__ import annotations

import pytest

from reviews.models import Assessment, IRMReport, Methodology
from tests import factories

pytestmark = pytest.mark.django_db

NOT_THIS_METHODOLOGY = {
    "en": "This scale is not part of the report's methodology.",
    "es": "Esta escala no forma parte de la metodología del informe.",
}
NOT_THIS_PLAN = {
    "en": "This commitment is not part of the report's action plan.",
    "es": "Este compromiso no forma parte del plan de acción del informe.",
}


def _draft(methodology: str = Methodology.PRE_2021, **assessment: object):
    researcher = factories.make_researcher()
    report = factories.IRMReportFactory(
        state=IRMReport.State.DRAFT, published_on=None, methodology=methodology
    )
    report.researchers.add(researcher)
    return factories.AssessmentFactory(report=report, **assessment), researcher


def _patch(token_client, researcher, assessment, data, language: str):
    return token_client(researcher).patch(
        f"/api/v1/draft-assessments/{assessment.pk}/",
        data,
        format="json",
        HTTP_IF_MATCH=f'"assessment-{assessment.pk}-v{assessment.version}"',
        HTTP_ACCEPT_LANGUAGE=language,
    )


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize(
    ("methodology", "foreign"),
    [
        (Methodology.PRE_2021, {"potential_for_results": "substantial", "verifiable": True}),
        (Methodology.FROM_2021, {"specificity": "high", "relevant_civic_participation": True}),
    ],
)
def test_a_scale_of_the_other_methodology_is_refused_naming_each_field(
    token_client, methodology, foreign, language
):
    assessment, researcher = _draft(methodology, specificity="", completion="")

    response = _patch(
        token_client, researcher, assessment, {"narrative": "Seen.", **foreign}, language
    )

    assert response.status_code == 400
    assert response.json() == {name: [NOT_THIS_METHODOLOGY[language]] for name in foreign}
    stored = Assessment.objects.get()
    assert (stored.narrative, stored.version) == ("", 1)
    assert (stored.specificity, stored.potential_for_results, stored.verifiable) == ("", "", None)
    assert stored.relevant_civic_participation is None


@pytest.mark.parametrize("language", ["en", "es"])
def test_an_assessment_of_a_commitment_outside_the_reports_plan_is_not_changed(
    token_client, language
):
    # E.g. the commitment was moved to another plan after it was assessed.
    assessment, researcher = _draft(commitment=factories.CommitmentFactory(), narrative="Before")

    response = _patch(token_client, researcher, assessment, {"narrative": "After"}, language)

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [NOT_THIS_PLAN[language]]}
    assessment.refresh_from_db()
    assert (assessment.narrative, assessment.version) == ("Before", 1)
