"""A year typed short (0214 for 2014) or a date before 2000 is refused on every dated report, under
the date, with the same words and the date written as the page's language writes it: an indicator
reading (accepted until 7 December 2026), a milestone report (which gave the date as 2000-01-01) and
a status update (refused before too: the same rule, vocab.past_date_problem). Nothing is written."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token

from commitments.models import IndicatorReading, MilestoneProgress, StatusUpdate
from tests import factories
from tests.accountability.reading_page import post_reading

pytestmark = pytest.mark.django_db

TOO_EARLY = {
    "es": "Indique una fecha igual o posterior al 1 de enero de 2000.",
    "en": "Give a date on or after 1 January 2000.",
}


@pytest.fixture
def monitored():
    """A commitment monitored by a civil-society organisation, one milestone and one indicator of
    it, and the organisation's editor."""
    commitment = factories.CommitmentFactory(ogp_id="PE0008")
    monitor = factories.OrganizationFactory(kind="civil_society", slug="proetica")
    commitment.monitoring_organizations.add(monitor)
    milestone = factories.MilestoneFactory(commitment=commitment)
    indicator = factories.IndicatorFactory(commitment=commitment)
    return milestone, indicator, factories.make_editor(monitor)


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("day", ["0214-06-30", "1999-12-31"])
def test_an_indicator_reading_dated_before_2000_is_refused(client, monitored, language, day):
    _milestone, indicator, editor = monitored
    response = post_reading(client, editor, indicator, language, as_of=day)
    assert response.status_code == 400
    assert response.context["form"].errors == {"as_of": [TOO_EARLY[language]]}
    assert TOO_EARLY[language] in response.content.decode()
    assert not IndicatorReading.objects.exists()


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_milestone_report_dated_before_2000_is_refused_in_the_page_and_the_api(
    client, api_client, monitored, language
):
    milestone, _indicator, editor = monitored
    client.force_login(editor)
    url = f"/commitments/PE0008/milestones/{milestone.pk}/progress/new/"
    data = {"level": "not_met", "reported_on": "1999-12-31", "note": "", "corrects": ""}
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert TOO_EARLY[language] in response.content.decode()
    token = Token.objects.create(user=editor).key
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    refused = api_client.post(
        f"/api/v1/milestones/{milestone.pk}/progress/", data, HTTP_ACCEPT_LANGUAGE=language
    )
    assert refused.status_code == 400
    assert refused.json()["reported_on"] == [TOO_EARLY[language]]
    assert not MilestoneProgress.objects.exists()


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_status_update_dated_before_2000_is_refused_in_the_api(api_client, monitored, language):
    _milestone, _indicator, editor = monitored
    token = Token.objects.create(user=editor).key
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    refused = api_client.post(
        "/api/v1/commitments/PE0008/status-updates/",
        {
            "completion": "limited",
            "as_of": "0214-06-30",
            "note": "Avance.",
            "links": ["https://www.gob.pe/informe"],
        },
        format="json",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert refused.status_code == 400, refused.content
    assert refused.json()["as_of"] == [TOO_EARLY[language]]
    assert not StatusUpdate.objects.exists()
