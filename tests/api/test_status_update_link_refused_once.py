"""A status update's bad evidence link is refused once, in the words the form and the other report
endpoints use: DRF's own URL check ran beside ours, so every bad link got the message twice."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

LINK = "Enter a link starting with http:// or https://."


def test_each_bad_link_gets_one_message(token_client, monitored):
    commitment, editor = monitored
    response = token_client(editor).post(
        f"/api/v1/commitments/{commitment.ogp_id}/status-updates/",
        {
            "completion": "limited",
            "as_of": "2013-05-31",
            "note": "Acta.",
            "links": ["nope", "ftp://files.example.org/acta.pdf", "https://example.org/acta"],
        },
        format="json",
        headers={"accept-language": "en"},
    )
    assert response.status_code == 400
    assert response.json() == {"links": {"0": [LINK], "1": [LINK]}}


def test_in_spanish_too(token_client, monitored):
    commitment, editor = monitored
    response = token_client(editor).post(
        f"/api/v1/commitments/{commitment.ogp_id}/status-updates/",
        {"completion": "limited", "as_of": "2013-05-31", "note": "Acta.", "links": ["nope"]},
        format="json",
        headers={"accept-language": "es"},
    )
    assert response.status_code == 400
    assert response.json() == {
        "links": {"0": ["Indique un enlace que empiece con http:// o https://."]}
    }
