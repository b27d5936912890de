"""The API's root lists every public collection the API routes: until 8 December it left out
`milestone-progress/`, which the README's table lists and which answers."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_root_lists_milestone_progress_and_every_list_it_links_answers(client):
    collections = client.get("/api/v1/").json()["collections"]

    assert collections["milestone-progress"] == "http://testserver/api/v1/milestone-progress/"
    for link in collections.values():
        assert client.get(link).status_code == 200, link


def test_the_root_lists_every_public_list_the_api_routes(client):
    from ogptracker import api_urls

    listed = set(client.get("/api/v1/").json()["collections"])
    routed = {
        str(pattern.pattern).split("/")[0].lstrip("^")
        for pattern in api_urls.v1_patterns
        if str(pattern.pattern).endswith("/$") and getattr(pattern, "name", "").endswith("-list")
    }
    assert "milestone-progress" in routed
    assert routed == listed
