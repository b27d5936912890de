"""A list that matches nothing offers no spreadsheet of it: a search for a word no commitment has
(/search/?q=qwxqwxqwx), the commitment list filtered to nothing, and the plan and organisation lists of a
member with none used to say "Every matching commitment as a spreadsheet: CSV · Excel" under "No
commitments match.". The links come back as soon as one row matches."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

DOWNLOADS = 'class="download-links"'


@pytest.fixture
def listed():
    commitment = factories.CommitmentFactory(title="Portal de transparencia estándar")
    factories.OrganizationFactory(member=commitment.action_plan.member)
    empty = factories.MemberFactory()  # a member with no plan, commitment or organisation
    return commitment, empty


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=qwxqwxqwx",
        "/commitments/?q=qwxqwxqwx",
        "/plans/?member={empty}",
        "/organizations/?member={empty}",
    ],
)
@pytest.mark.parametrize("language", ["es", "en"])
def test_a_list_matching_nothing_offers_no_spreadsheet(client, listed, url, language):
    _, empty = listed
    page = client.get(url.format(empty=empty.code), HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    html = page.content.decode()
    assert DOWNLOADS not in html
    assert "as a spreadsheet" not in html and "hoja de cálculo" not in html


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=transparencia",
        "/commitments/",
        "/plans/?member={member}",
        "/organizations/?member={member}",
        "/members/",
    ],
)
def test_a_list_matching_something_offers_it_as_a_spreadsheet(client, listed, url):
    commitment, _ = listed
    page = client.get(
        url.format(member=commitment.action_plan.member.code), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert page.status_code == 200
    assert DOWNLOADS in page.content.decode()
