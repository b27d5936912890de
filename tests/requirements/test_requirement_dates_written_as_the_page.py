"""The minimum requirements on the plan page write every day as the rest of the page does ("31 de
diciembre de 2014"): the messages, the repository's latest update with evidence and the forum's
meetings. The API's facts keep ISO dates; its prose `message` is written as the pages write it."""

from __future__ import annotations

import datetime

import pytest

from tests.requirements.test_requirements import forum_with, make_plan, update_with_evidence

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def plan():
    plan, commitment = make_plan()
    forum_with(plan, [D(2015, 5, 1), D(2016, 3, 1)])
    update_with_evidence(commitment, D(2015, 6, 1))
    return plan


@pytest.mark.parametrize(
    ("language", "lapse", "latest", "meeting"),
    [
        (
            "es",
            "entre el 1 de mayo de 2015 y el 1 de marzo de 2016",
            "La más reciente con evidencia: 1 de junio de 2015.",
            '<time datetime="2015-05-01">1 de mayo de 2015</time>',
        ),
        (
            "en",
            "from 1 May 2015 to 1 March 2016",
            "Latest with evidence: 1 June 2015.",
            '<time datetime="2015-05-01">1 May 2015</time>',
        ),
    ],
)
def test_plan_page_writes_requirement_days_in_its_language(
    client, plan, language, lapse, latest, meeting
):
    html = client.get(f"/plans/{plan.ogp_id}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    section = html.split('id="requirements"')[1].split("</section>")[0]

    assert lapse in section
    assert latest in section
    assert meeting in section
    assert "2015-06-01" not in section


def test_api_message_is_prose_and_facts_stay_iso(api_client, plan):
    body = api_client.get(
        f"/api/v1/action-plans/{plan.ogp_id}/requirements/", HTTP_ACCEPT_LANGUAGE="es"
    ).json()
    repository = body["requirements"]["repository"]

    assert repository["facts"]["last_update_with_evidence"] == "2015-06-01"
    assert "2015-" not in repository["message"]
