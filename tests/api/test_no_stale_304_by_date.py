"""If-Modified-Since never gets a 304 for an answer that changed. Until 8 December a list's
Last-Modified was the newest change among the rows of its page, and a plan's its own row's: a new
commitment on page 2 changed page 1's `count`, a status update changed a plan's figures, and both
still answered 304 to a client asking by date (wget -N, curl -z). The ETag, a hash of the body, is
the validator; no answer claims a date of last change it cannot know."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django.utils.http import http_date

from commitments.models import Commitment
from commitments.models.vocab import Voice
from commitments.services import refresh_status
from tests.factories import StatusUpdateFactory, make_commitments

pytestmark = [pytest.mark.django_db, pytest.mark.world("peru")]

SINCE = {"HTTP_IF_MODIFIED_SINCE": http_date(timezone.now().timestamp() + 60)}


def test_a_list_page_whose_count_changed_is_sent_again(client, world):
    url = "/api/v1/commitments/?member=PER&page_size=2"
    first = client.get(url)
    make_commitments(world.plan, 1, "PE", start=900)  # lands on a later page

    again = client.get(url, **SINCE)

    assert again.status_code == 200
    assert again.json()["count"] == first.json()["count"] + 1
    assert "Last-Modified" not in again


def test_a_plan_whose_figures_changed_is_sent_again(client, world):
    url = "/api/v1/action-plans/AP_PER01/"
    before = client.get(url).json()["completion"]["civil_society"]["complete"]
    commitment = Commitment.objects.get(ogp_id="PE0048")
    StatusUpdateFactory(
        commitment=commitment, completion="complete", as_of=datetime.date(2014, 6, 1)
    )
    refresh_status(commitment, Voice.CIVIL_SOCIETY)

    again = client.get(url, **SINCE)

    assert again.status_code == 200
    assert again.json()["completion"]["civil_society"]["complete"] == before + 1
    assert "Last-Modified" not in again


@pytest.mark.parametrize(
    "url", ["/api/v1/commitments/PE0001/", "/api/v1/members/PER/", "/api/v1/organizations/sgp/"]
)
def test_no_record_claims_a_date_of_last_change(client, world, url):
    response = client.get(url)
    assert response.status_code == 200 and response["ETag"]
    assert "Last-Modified" not in response
