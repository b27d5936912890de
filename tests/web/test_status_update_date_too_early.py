"""A status update's as-of date before 2000 (a year typed short: 0214 for 2014) is refused, on the
form and through the write API, as milestone reports, outcome checks and forum meetings already
were. Until 7 December it was recorded, and updates are never edited or deleted: a report "as of
1 January 214" stayed on the commitment's timeline for good."""

from __future__ import annotations

import pytest

from commitments.models import StatusUpdate

pytestmark = pytest.mark.django_db


def _report(client, commitment, day: str):
    return client.post(
        f"/commitments/{commitment.ogp_id}/report/",
        {
            "completion": "limited",
            "note": "Informe.",
            "links": "https://example.org/informe",
            "as_of": day,
            "corrects": "",
        },
        headers={"accept-language": "en"},
    )


@pytest.mark.parametrize("day", ["0214-01-01", "1999-12-31"])
def test_the_form_refuses_an_as_of_date_before_2000(client, monitored, day):
    commitment, editor = monitored
    client.force_login(editor)

    response = _report(client, commitment, day)

    assert response.status_code == 400
    assert "Give a date on or after 1 January 2000." in response.content.decode()
    assert not StatusUpdate.objects.exists()


def test_the_write_api_refuses_an_as_of_date_before_2000(token_client, monitored):
    commitment, editor = monitored

    response = token_client(editor).post(
        f"/api/v1/commitments/{commitment.ogp_id}/status-updates/",
        {"completion": "limited", "as_of": "0214-01-01", "links": ["https://example.org/a"]},
        format="json",
        headers={"accept-language": "en"},
    )

    assert response.status_code == 400
    assert list(response.json()) == ["as_of"]
    assert not StatusUpdate.objects.exists()


def test_the_first_day_of_2000_is_accepted(client, monitored):
    commitment, editor = monitored
    client.force_login(editor)

    assert _report(client, commitment, "2000-01-01").status_code == 302
