"""No lost updates on the web: the researcher's draft assessment form refuses a save over a newer
version, says who changed what, keeps the input, and saving again applies it."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from reviews.models import IRMReport
from tests import factories


@pytest.fixture
def draft_page(db):
    researcher = factories.make_researcher(username="luz", first_name="Luz", last_name="Mamani")
    report = factories.IRMReportFactory(state=IRMReport.State.DRAFT, published_on=None)
    report.researchers.add(researcher)
    assessment = factories.AssessmentFactory(report=report, narrative="First draft")
    url = f"/irm/reports/{report.pk}/assess/{assessment.commitment.ogp_id}/"
    return researcher, assessment, url


def _hidden_version(page: str) -> str:
    return re.search(r'name="version" value="(\d+)"', page).group(1)


def test_second_tab_is_refused_with_what_changed_and_input_kept(draft_page):
    researcher, assessment, url = draft_page
    tab_a, tab_b = Client(), Client()
    tab_a.force_login(researcher)
    tab_b.force_login(researcher)
    version_a = _hidden_version(tab_a.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())
    version_b = _hidden_version(tab_b.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode())

    saved = tab_a.post(url, {"narrative": "Tab A wording", "version": version_a})
    assert saved.status_code == 302
    refused = tab_b.post(
        url, {"narrative": "Tab B wording", "version": version_b}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert refused.status_code == 400
    page = refused.content.decode()
    assert "You saved a change to this record from another tab" in page  # both tabs are hers
    assert "First draft" in page and "Tab A wording" in page  # before -> after
    assert "Tab B wording" in page  # the input is kept
    assessment.refresh_from_db()
    assert assessment.narrative == "Tab A wording"

    # Having seen the change, saving the form again applies the input on purpose.
    again = tab_b.post(url, {"narrative": "Tab B wording", "version": _hidden_version(page)})
    assert again.status_code == 302
    assessment.refresh_from_db()
    assert assessment.narrative == "Tab B wording"
