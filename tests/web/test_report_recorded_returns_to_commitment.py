"""After recording a report from its form (an indicator reading, an outcome check, a milestone
report), the editor lands back on the commitment's page at what was reported, and that page says
once that it was recorded."""

from __future__ import annotations

import pytest

from commitments.models import OutcomeCheck
from tests import factories
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _monitored_by_editor(commitment):
    monitor = factories.OrganizationFactory(kind="civil_society")
    commitment.monitoring_organizations.add(monitor)
    return factories.make_editor(monitor)


def _lands_on_commitment_saying(client, response, commitment, anchor: str, message: str) -> None:
    assert response.status_code == 302
    assert response["Location"] == f"/commitments/{commitment.ogp_id}/#{anchor}"
    page = client.get(response["Location"], **EN).content.decode()
    assert message in page
    assert message not in client.get(response["Location"], **EN).content.decode()  # once


def test_a_recorded_reading_returns_to_its_indicator(client):
    indicator = IndicatorFactory()
    commitment = indicator.commitment
    client.force_login(_monitored_by_editor(commitment))
    response = client.post(
        f"/indicators/{indicator.pk}/readings/new/",
        {"value": "12", "as_of": "2016-01-31", "evidence_url": ""},
        **EN,
    )
    _lands_on_commitment_saying(
        client, response, commitment, f"indicator-{indicator.pk}", "Reading recorded."
    )


def test_a_recorded_outcome_check_returns_to_the_check(client):
    commitment = factories.CommitmentFactory(self_reported_completion="complete")
    client.force_login(_monitored_by_editor(commitment))
    response = client.post(
        f"/commitments/{commitment.ogp_id}/outcome-checks/new/",
        {
            "verdict": "dead_letter",
            "checked_on": "2015-06-30",
            "note": "Nobody applies it.",
            "evidence_url": "https://example.org/informe",
            "corrects": "",
        },
        **EN,
    )
    check = OutcomeCheck.objects.get()
    _lands_on_commitment_saying(
        client, response, commitment, f"outcome-{check.pk}", "Your outcome check was recorded."
    )


def test_a_recorded_milestone_report_returns_to_the_milestone(client):
    milestone = factories.MilestoneFactory()
    commitment = milestone.commitment
    client.force_login(_monitored_by_editor(commitment))
    response = client.post(
        f"/commitments/{commitment.ogp_id}/milestones/{milestone.pk}/progress/new/",
        {
            "level": "met",
            "reported_on": "2013-05-31",
            "note": "",
            "evidence_url": "https://example.org/portal",
            "corrects": "",
        },
        **EN,
    )
    _lands_on_commitment_saying(
        client,
        response,
        commitment,
        f"milestone-{milestone.pk}",
        "Your milestone report was recorded.",
    )
