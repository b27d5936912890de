"""A page writes its dates in one readable style per language (ogptracker/formats): English
"15 January 2013", Spanish "15 de enero de 2013". Until 8 December an English page mixed
"01/15/2013" (the commitment tables), "Jan. 15, 2013" (the charts, the timelines) and "counted from
31 December" (a report known only by its year); the API and the CSV files keep ISO dates."""

from __future__ import annotations

import re

import pytest

from commitments.models.vocab import Voice
from commitments.services import refresh_status

pytestmark = pytest.mark.django_db

# The styles a page must not show to a reader: 01/15/2013, Jan. 15, 2013 / Sept. 1, 2013, 2013-01-15.
OTHER_STYLES = re.compile(
    r"\b\d{1,2}/\d{1,2}/\d{4}\b|\b[A-Z][a-z]{2,3}\.? \d{1,2}, \d{4}\b|\b\d{4}-\d{2}-\d{2}\b"
)
TAGS = re.compile(r"<[^>]*>")

EXPECTED = {
    # The status update, the IRM progress report, the end-of-term report known by its year.
    "en": ["15 January 2013", "1 September 2013", "counted from 31 December 2015"],
    "es": ["15 de enero de 2013", "1 de septiembre de 2013", "desde el 31 de diciembre de 2015"],
}


def shown_text(response) -> str:
    """What a reader sees (and hears in a tooltip): the page without its tags and attributes."""
    return " ".join(TAGS.sub(" ", response.content.decode()).split())


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("page", ["plan", "commitment"])
def test_plan_and_commitment_pages_write_every_date_one_way(client, reported_plan, language, page):
    plan, first = reported_plan
    path = f"/plans/{plan.ogp_id}/" if page == "plan" else f"/commitments/{first.ogp_id}/"
    text = shown_text(client.get(path, HTTP_ACCEPT_LANGUAGE=language))
    assert OTHER_STYLES.findall(text) == []
    for day in EXPECTED[language]:
        assert day in text


@pytest.mark.parametrize("language", ["en", "es"])
def test_commitment_list_dates_its_statuses_like_the_pages(client, reported_plan, language):
    _plan, first = reported_plan
    refresh_status(first, Voice.CIVIL_SOCIETY)  # the list shows each commitment's latest status
    text = shown_text(client.get("/commitments/", HTTP_ACCEPT_LANGUAGE=language))
    assert OTHER_STYLES.findall(text) == []
    assert EXPECTED[language][0] in text


def test_api_keeps_iso_dates(client, reported_plan):
    plan, _first = reported_plan
    row = client.get(f"/api/v1/action-plans/{plan.ogp_id}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert (row["start_date"], row["end_date"]) == ("2012-04-10", "2014-06-30")
