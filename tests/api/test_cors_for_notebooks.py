"""The public reads can be fetched by a web page of any origin (a notebook in the browser): the API,
the downloads and the data releases answer with `Access-Control-Allow-Origin: *`, expose the
headers a paging or caching client reads, keep it on a 304, and answer a preflight for a
conditional GET. Never with credentials, never for a write. Until 8 December only the data
release files said so; a browser refused every API answer to another origin."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.world("peru")]

ORIGIN = {"HTTP_ORIGIN": "https://notebook.example"}
LIST = "/api/v1/commitments/?action_plan=AP_PER01"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/",
        LIST,
        f"{LIST}&format=csv",
        "/api/v1/commitments/?membr=PER",  # errors too: the page can read why
        "/api/v1/no-such-thing/",
        "/api/v1/stats/completion/",
        "/api/v1/commitments/export.csv",
        "/downloads/commitments.csv",
    ],
)
def test_a_read_from_another_origin_is_allowed_without_credentials(client, world, url):
    response = client.get(url, **ORIGIN)

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    exposed = {name.strip() for name in response["Access-Control-Expose-Headers"].split(",")}
    assert {"X-Total-Count", "Link", "ETag", "Content-Disposition"} <= exposed


def test_a_304_keeps_the_header_the_browser_needs_to_read_it(client, world):
    etag = client.get(LIST, **ORIGIN)["ETag"]
    response = client.get(LIST, HTTP_IF_NONE_MATCH=etag, **ORIGIN)

    assert response.status_code == 304
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_preflight_for_a_conditional_get_is_answered(client, world):
    response = client.options(
        LIST,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
        **ORIGIN,
    )

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "if-none-match" in response["Access-Control-Allow-Headers"]
    assert set(response["Access-Control-Allow-Methods"].split(", ")) == {"GET", "HEAD", "OPTIONS"}


def test_no_write_and_no_token_from_another_origin(client, world):
    response = client.options(
        "/api/v1/commitments/PE0001/status-updates/",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
        **ORIGIN,
    )

    assert "POST" not in response["Access-Control-Allow-Methods"]
    assert "authorization" not in response["Access-Control-Allow-Headers"]


def test_the_site_s_pages_stay_same_origin(client, world):
    assert "Access-Control-Allow-Origin" not in client.get("/", **ORIGIN)
    assert "Access-Control-Allow-Origin" not in client.get("/accounts/login/", **ORIGIN)


def test_options_reads_no_parameter(client, world):
    # What a list takes is said by GET; OPTIONS (DRF's description of the address) answers whatever
    # the query string, as a preflight must.
    assert client.options(f"{LIST}&member=PER").status_code == 200
    assert client.options("/api/v1/commitments/PE0001/?membr=x").status_code == 200
