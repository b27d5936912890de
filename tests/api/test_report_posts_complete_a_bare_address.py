"""The write API takes an evidence link as the forms do (issue 14): `www.gob.pe/informe` is saved as
https://www.gob.pe/informe, and text that is no web address is refused in the forms' words. The
milestone progress and outcome check endpoints refused a bare address with DRF's "Enter a valid
URL.", and the status update endpoint refused it as not starting with http:// or https://."""

from __future__ import annotations

import pytest

from commitments.models import MilestoneProgress, OutcomeCheck, StatusEvidence
from tests import factories

pytestmark = pytest.mark.django_db

NOT_A_LINK = {
    "en": "Enter a link starting with http:// or https://.",
    "es": "Indique un enlace que empiece con http:// o https://.",
}


@pytest.fixture
def reporter():
    """A commitment of a plan that ended, with a milestone, and an editor of its monitor."""
    commitment = factories.CommitmentFactory(self_reported_completion="complete")
    monitor = factories.OrganizationFactory(kind="civil_society")
    commitment.monitoring_organizations.add(monitor)
    milestone = factories.MilestoneFactory(commitment=commitment)
    return commitment, milestone, factories.make_editor(monitor)


def status_update(commitment, milestone, link: str) -> tuple[str, dict]:
    body = {"completion": "limited", "as_of": "2013-06-01", "note": "Acta.", "links": [link]}
    return f"/api/v1/commitments/{commitment.ogp_id}/status-updates/", body


def milestone_progress(commitment, milestone, link: str) -> tuple[str, dict]:
    body = {"level": "partially_met", "reported_on": "2013-05-31", "evidence_url": link}
    return f"/api/v1/milestones/{milestone.pk}/progress/", body


def outcome_check(commitment, milestone, link: str) -> tuple[str, dict]:
    body = {"verdict": "dead_letter", "checked_on": "2015-06-30", "evidence_url": link}
    return f"/api/v1/commitments/{commitment.ogp_id}/outcome-checks/", {**body, "note": "Acta."}


def saved_links() -> list[str]:
    return [
        *StatusEvidence.objects.values_list("url", flat=True),
        *MilestoneProgress.objects.values_list("evidence_url", flat=True),
        *OutcomeCheck.objects.values_list("evidence_url", flat=True),
    ]


ENDPOINTS = [status_update, milestone_progress, outcome_check]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.__name__)
def test_a_bare_address_is_saved_as_https(token_client, reporter, endpoint):
    commitment, milestone, editor = reporter
    url, body = endpoint(commitment, milestone, "www.gob.pe/informe")

    response = token_client(editor).post(url, body, format="json")

    assert response.status_code == 201, response.content
    assert saved_links() == ["https://www.gob.pe/informe"]


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("endpoint", [milestone_progress, outcome_check], ids=lambda e: e.__name__)
def test_text_that_is_no_address_is_refused_in_the_forms_words(
    token_client, reporter, endpoint, language
):
    commitment, milestone, editor = reporter
    url, body = endpoint(commitment, milestone, "acta")

    response = token_client(editor).post(
        url, body, format="json", headers={"accept-language": language}
    )

    assert response.status_code == 400
    assert response.json() == {"evidence_url": [NOT_A_LINK[language]]}
    assert saved_links() == []
