"""Submitting an IRM report with commitments still unassessed needs a confirmation that names the
numbers, checked on the server (issue 12): a submitted report can no longer be edited."""

from __future__ import annotations

import pytest

from reviews.models import IRMReport
from tests import factories
from tests.web.test_irm_workspace import STAR_SCALES, _assess_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_of_five(client, world):
    """The draft report with 3 of its plan's 5 commitments assessed, the researcher logged in."""
    more = factories.CommitmentFactory.create_batch(3, action_plan=world.plan)
    client.force_login(world.researcher)
    for commitment in (world.commitment, *more[:2]):
        assert client.post(_assess_url(world.draft, commitment), STAR_SCALES).status_code == 302
    return world.draft


def test_the_report_page_asks_to_confirm_with_the_counts(client, three_of_five):
    html = client.get(
        f"/irm/reports/{three_of_five.pk}/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()

    assert 'name="confirm_unassessed" value="2"' in html
    assert "3 of 5 commitments assessed; 2 unassessed. Submit anyway?" in html


def test_submitting_without_the_confirmation_is_refused_saying_how_many_are_left(
    client, three_of_five
):
    response = client.post(
        f"/irm/reports/{three_of_five.pk}/submit/", follow=True, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert "3 of 5 commitments are assessed; 2 are not." in response.content.decode()
    three_of_five.refresh_from_db()
    assert three_of_five.state == IRMReport.State.DRAFT


def test_a_confirmation_of_an_outdated_count_is_refused(client, three_of_five):
    # The researcher confirmed "3 unassessed" on a page that has since changed.
    client.post(f"/irm/reports/{three_of_five.pk}/submit/", {"confirm_unassessed": "3"})

    three_of_five.refresh_from_db()
    assert three_of_five.state == IRMReport.State.DRAFT


def test_submitting_with_the_confirmation_submits(client, three_of_five):
    response = client.post(f"/irm/reports/{three_of_five.pk}/submit/", {"confirm_unassessed": "2"})

    assert response.status_code == 302
    three_of_five.refresh_from_db()
    assert three_of_five.state == IRMReport.State.SUBMITTED


def test_a_fully_assessed_report_submits_without_a_question(client, world):
    client.force_login(world.researcher)
    for commitment in (world.commitment, world.other):
        client.post(_assess_url(world.draft, commitment), STAR_SCALES)

    page = client.get(f"/irm/reports/{world.draft.pk}/").content.decode()
    response = client.post(f"/irm/reports/{world.draft.pk}/submit/")

    assert "confirm_unassessed" not in page
    assert response.status_code == 302
    world.draft.refresh_from_db()
    assert world.draft.state == IRMReport.State.SUBMITTED
