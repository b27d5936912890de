"""The Accept header's weights decide the format, and `?format=` wins over the header. Until
8 December DRF read no weights (`text/csv, application/json;q=0.5` got JSON, and
`application/json;q=0, */*`, JSON refused, got JSON), and `?format=csv` with
`Accept: application/json` (a client's default header) was a 406."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.world("peru")]

URL = "/api/v1/members/"


@pytest.mark.parametrize(
    ("accept", "given"),
    [
        ("text/csv, application/json;q=0.5", "text/csv; charset=utf-8"),
        ("application/json;q=0.1, text/csv;q=0.9", "text/csv; charset=utf-8"),
        ("application/json;q=0, */*", "text/csv; charset=utf-8"),
        ("text/*", "text/csv; charset=utf-8"),
        ("*/*", "application/json"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "application/json"),
        ("application/json, text/csv;q=0.5", "application/json"),
    ],
)
def test_the_most_wanted_format_the_address_gives(client, world, accept, given):
    response = client.get(URL, HTTP_ACCEPT=accept)

    assert response.status_code == 200
    assert response["Content-Type"] == given


def test_what_the_header_refuses_is_a_406(client, world):
    assert client.get(URL, HTTP_ACCEPT="application/json;q=0").status_code == 406


@pytest.mark.parametrize(
    ("format", "accept", "given"),
    [
        ("csv", "application/json", "text/csv; charset=utf-8"),
        ("json", "text/csv", "application/json"),
        ("json", "text/html", "application/json"),
    ],
)
def test_format_in_the_address_wins_over_the_header(client, world, format, accept, given):
    response = client.get(f"{URL}?format={format}", HTTP_ACCEPT=accept)

    assert response.status_code == 200
    assert response["Content-Type"] == given
