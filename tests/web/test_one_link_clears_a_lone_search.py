"""A search that finds nothing offers one way back. Until 9 December, when the words were the only
filter, "Clear the search" sat under the message and "Clear all filters" beside the search button,
two links to the same list. "Clear the search" is offered only when it keeps a filter that "Clear
all filters" drops."""

from __future__ import annotations

import html as html_lib
import re

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

LINKS = {
    "es": ("Borrar la búsqueda", "Quitar todos los filtros"),
    "en": ("Clear the search", "Clear all filters"),
}


@pytest.fixture
def commitment():
    plan = factories.ActionPlanFactory(ogp_id="AP_PER01")
    return factories.CommitmentFactory(
        action_plan=plan, ogp_id="PE0001", title="Portal de transparencia"
    )


def clearing_links(client, address: str, language: str) -> dict[str, str]:
    page = client.get(address, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    found = {}
    for text in LINKS[language]:
        match = re.search(rf'<a href="([^"]*)">{text}</a>', page)
        if match:
            found[text] = html_lib.unescape(match.group(1))
    return found


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("address", ["/commitments/", "/search/"])
@pytest.mark.parametrize("ordering", ["", "&ordering=-irm_completion"])
def test_a_lone_search_that_finds_nothing_offers_one_way_back(
    client, commitment, address, language, ordering
):
    clear_all = LINKS[language][1]
    links = clearing_links(client, f"{address}?q=accountability{ordering}", language)
    assert list(links) == [clear_all]
    assert links[clear_all] == "?"


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("address", ["/commitments/", "/search/"])
def test_a_search_with_a_filter_offers_both_ways_back(client, commitment, address, language):
    clear_search, clear_all = LINKS[language]
    links = clearing_links(client, f"{address}?q=accountability&action_plan=AP_PER01", language)
    assert links == {clear_search: "?action_plan=AP_PER01", clear_all: "?"}
