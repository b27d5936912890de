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


DAY = datetime.date(2014, 1, 1)


def milestone_report(editor, commitment):
    """A milestone report correcting another milestone's report."""
    other = factories.MilestoneFactory(commitment=commitment)
    earlier = MilestoneProgress.objects.create(
        milestone=other, level="not_met", reported_on=DAY, author=editor
    )
    milestone = factories.MilestoneFactory(commitment=commitment)
    data = {"milestone": milestone, "level": "not_met", "reported_on": DAY}
    return record_milestone_progress, {**data, "corrects": earlier}, "milestone"


def outcome_check(editor, commitment):
    """An outcome check correcting another commitment's check."""
    data = {"commitment": commitment, "checked_on": DAY, "verdict": "unknown"}
    return record_outcome_check, {**data, "corrects": factories.OutcomeCheckFactory()}, "commitment"


def indicator_reading(editor, commitment):
    """A reading correcting another indicator's reading."""
    other = factories.IndicatorFactory(commitment=commitment)
    earlier = IndicatorReading.objects.create(indicator=other, value=1, as_of=DAY, author=editor)
    data = {"indicator": factories.IndicatorFactory(commitment=commitment), "value": "2"}
    return record_indicator_reading, {**data, "as_of": DAY, "corrects": earlier}, "indicator"


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("report", [milestone_report, outcome_check, indicator_reading])
def test_a_report_correcting_another_records_report_is_refused_in_its_words(report, language):
    commitment = factories.CommitmentFactory(self_reported_completion="complete")
    editor = monitored(commitment)
    record, data, about = report(editor, commitment)
    with translation.override(language), pytest.raises(ValidationError) as refused:
        record(author=editor, **data)
    assert refused.value.message_dict == {"corrects": [OTHER_RECORD[language][about]]}
    assert MilestoneProgress.objects.count() + IndicatorReading.objects.count() <= 1
    assert not commitment.outcome_checks.exists()
