"""`curl -I`, uptime monitors and link checkers ask HEAD: every public page answers it as it
answers GET (until 8 December the home page, the lists, the plan, commitment and organisation
pages, search and the evidence files answered 405)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_public_pages_answer_head_like_get(client, world):
    pages = [
        "/",
        "/plans/",
        "/commitments/",
        "/organizations/",
        "/members/",
        "/search/?q=portal",
        f"/plans/{world.plan.ogp_id}/",
        f"/commitments/{world.commitment.ogp_id}/",
        f"/organizations/{world.civil.slug}/",
    ]
    for url in pages:
        get, head = client.get(url), client.head(url)
        assert get.status_code == 200, url
        assert head.status_code == 200, url
        assert head.content == b"", url
        assert head["Content-Type"] == get["Content-Type"], url


def test_public_pages_still_refuse_post(client, world):
    assert client.post("/plans/").status_code == 405
