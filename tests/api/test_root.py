"""The API's front door and the favicon: no 404 where a newcomer starts."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/api/", "/api/v1/"])
def test_api_root_lists_every_collection_and_each_link_answers(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    body = response.json()
    assert {"members", "action-plans", "commitments", "organizations", "assessments"} <= set(
        body["collections"]
    )
    figures = body["figures"]
    assert figures["completion_history"].endswith("/api/v1/stats/completion/history/")
    links = [figures["completion"], figures["export_csv"], body["docs"], body["schema"]]
    for link in [*body["collections"].values(), *links]:
        assert link.startswith("http://testserver/api/")
        assert client.get(link).status_code == 200, link


@pytest.mark.parametrize("url", ["/api/", "/api/v1/"])
def test_api_root_refuses_an_unknown_query_parameter_naming_it(client, url):
    response = client.get(url, {"format": "csv", "membr": "PER"})
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert sorted(response.json()) == ["format", "membr"]


def test_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("favicon.ico")
    assert client.head("/favicon.ico").status_code == 302  # curl -I and link checkers ask HEAD
    html = client.get("/").content.decode()
    assert 'rel="icon"' in html
