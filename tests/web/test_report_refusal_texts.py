"""The refusals every dated report shares (commitments.reports.services.ReportChecks): evidence
missing where the level needs it, and a correction naming a report about another record. Each kind
says it in its own words, in Spanish and English. The evidence through the write API; a correction
of another record only reaches the service from the importer or the shell (the form and the API
offer only the record's own reports), so it is checked on the service."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from rest_framework.authtoken.models import Token

from commitments.accountability.services import record_indicator_reading
from commitments.models import IndicatorReading, MilestoneProgress
from commitments.outcomes.services import record_outcome_check
from commitments.progress.services import record_milestone_progress
from tests import factories

pytestmark = pytest.mark.django_db

NO_MILESTONE_EVIDENCE = {
    "es": "Indique un enlace o un archivo como evidencia (solo «no cumplido» puede no tenerla).",
    "en": "Give a link or a file as evidence (only “not met” may have none).",
}
NO_OUTCOME_EVIDENCE = {
    "es": "Indique un enlace o un archivo como evidencia (solo un resultado desconocido puede no "
    "tenerla).",
    "en": "Give a link or a file as evidence (only an unknown outcome may have none).",
}
OTHER_RECORD = {
    "es": {
        "milestone": "Una corrección debe referirse al mismo hito.",
        "commitment": "Una corrección debe referirse al mismo compromiso.",
        "indicator": "Una corrección debe referirse al mismo indicador.",
    },
    "en": {
        "milestone": "A correction must be about the same milestone.",
        "commitment": "A correction must be about the same commitment.",
        "indicator": "A correction must be about the same indicator.",
    },
}


def monitored(commitment):
    """A civil-society editor of an organisation monitoring `commitment`."""
    monitor = factories.OrganizationFactory(kind="civil_society")
    commitment.monitoring_organizations.add(monitor)
    return factories.make_editor(monitor)


def token_client(api_client, user):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api_client


def refusal(record, language: str, **data) -> dict[str, list[str]]:
    with translation.override(language), pytest.raises(ValidationError) as refused:
        record(**data)
    return refused.value.message_dict


def milestone_post(commitment) -> tuple[str, dict[str, str]]:
    milestone = factories.MilestoneFactory(commitment=commitment)
    return f"/api/v1/milestones/{milestone.pk}/progress/", {
        "level": "met",
        "reported_on": "2013-05-31",
    }


def outcome_post(commitment) -> tuple[str, dict[str, str]]:
    url = f"/api/v1/commitments/{commitment.ogp_id}/outcome-checks/"
    return url, {"verdict": "dead_letter", "checked_on": "2015-06-30"}


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize(
    "post, texts", [(milestone_post, NO_MILESTONE_EVIDENCE), (outcome_post, NO_OUTCOME_EVIDENCE)]
)
def test_a_report_whose_level_needs_evidence_is_refused_without_it_in_its_words(
    api_client, post, texts, language
):
    commitment = factories.CommitmentFactory(self_reported_completion="complete")
    url, data = post(commitment)
    api = token_client(api_client, monitored(commitment))
    response = api.post(url, data, format="json", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert response.json() == {"evidence_url": [texts[language]]}
    assert not MilestoneProgress.objects.exists() and not commitment.outcome_checks.exists()


@pytest.mark.parametrize("language", ["es", "en"])
def test_each_report_refuses_correcting_another_records_report(language):
    milestone = factories.MilestoneFactory()
    editor = monitored(milestone.commitment)
    elsewhere = MilestoneProgress.objects.create(
        milestone=factories.MilestoneFactory(commitment=milestone.commitment),
        level="not_met",
        reported_on=datetime.date(2013, 1, 1),
        author=editor,
    )
    assert refusal(
        record_milestone_progress,
        language,
        milestone=milestone,
        author=editor,
        level="not_met",
        reported_on=datetime.date(2013, 5, 31),
        corrects=elsewhere,
    ) == {"corrects": [OTHER_RECORD[language]["milestone"]]}

    commitment = milestone.commitment
    commitment.self_reported_completion = "complete"
    commitment.save(update_fields=["self_reported_completion"])
    assert refusal(
        record_outcome_check,
        language,
        commitment=commitment,
        author=editor,
        checked_on=datetime.date(2015, 6, 30),
        verdict="unknown",
        corrects=factories.OutcomeCheckFactory(),
    ) == {"corrects": [OTHER_RECORD[language]["commitment"]]}

    indicator = factories.IndicatorFactory(commitment=commitment)
    other_reading = IndicatorReading.objects.create(
        indicator=factories.IndicatorFactory(commitment=commitment),
        value=1,
        as_of=datetime.date(2014, 1, 1),
        author=editor,
    )
    assert refusal(
        record_indicator_reading,
        language,
        indicator=indicator,
        author=editor,
        value="2",
        as_of=datetime.date(2014, 6, 1),
        corrects=other_reading,
    ) == {"corrects": [OTHER_RECORD[language]["indicator"]]}
    assert not IndicatorReading.objects.filter(indicator=indicator).exists()
