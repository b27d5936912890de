"""A search that finds no commitment says so and what helps: the commitments are written in their
plan's language (an English word on Spanish data finds nothing), fewer words; and it links to the
same list without the words, its filters kept. Not a bare "No commitments match."."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment():
    plan = factories.ActionPlanFactory(ogp_id="AP_PER01")
    return factories.CommitmentFactory(
        action_plan=plan, ogp_id="PE0001", title="Portal de transparencia"
    )


@pytest.mark.parametrize(
    ("language", "nothing", "hint", "clear"),
    [
        (
            "es",
            "Ningún compromiso coincide con “accountability”.",
            "Los compromisos están escritos en el idioma de su plan de acción",
            "Borrar la búsqueda",
        ),
        (
            "en",
            "No commitment matches “accountability”.",
            "Commitments are written in the language of their action plan",
            "Clear the search",
        ),
    ],
)
@pytest.mark.parametrize("address", ["/commitments/", "/search/"])
def test_a_search_that_finds_nothing_says_what_helps(
    client, commitment, address, language, nothing, hint, clear
):
    response = client.get(
        f"{address}?q=accountability&action_plan=AP_PER01", HTTP_ACCEPT_LANGUAGE=language
    )
    page = response.content.decode()

    assert response.status_code == 200
    assert nothing in page
    assert hint in page
    link = re.search(rf'<a href="([^"]*)">{clear}</a>', page).group(1)
    assert html_lib.unescape(link) == "?action_plan=AP_PER01"
    followed = client.get(f"{address}{html_lib.unescape(link)}", HTTP_ACCEPT_LANGUAGE=language)
    assert "PE0001" in followed.content.decode()


def test_a_filter_that_finds_nothing_without_words_keeps_the_plain_message(client, commitment):
    page = client.get("/commitments/?irm_completion=complete", HTTP_ACCEPT_LANGUAGE="en")
    page = page.content.decode()

    assert "No commitments match." in page
    assert "Clear the search" not in page
