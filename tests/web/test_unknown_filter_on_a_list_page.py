"""A list page given a parameter it does not take (`/commitments/?plan=AP_PER01`, a typo or a stale
link) says so above the list instead of silently showing everything, and leaves it out of its
links; the known filters still apply. Never an error page (the API refuses such a parameter)."""

from __future__ import annotations

import re

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitments():
    peru = factories.MemberFactory(code="PER", commitment_prefix="PE")
    plan = factories.ActionPlanFactory(member=peru, ogp_id="AP_PER01")
    other = factories.ActionPlanFactory(ogp_id="AP_XXX01")
    return (
        factories.CommitmentFactory(action_plan=plan, ogp_id="PE0001", title="Portal abierto"),
        factories.CommitmentFactory(action_plan=other, ogp_id="XX0001", title="Otro compromiso"),
    )


@pytest.mark.parametrize(
    ("language", "notice"),
    [
        ("es", "El filtro “plan” no se reconoce: esta lista no se filtra por él."),
        ("en", "The filter “plan” is not known: this list is not filtered by it."),
    ],
)
@pytest.mark.parametrize("address", ["/commitments/", "/search/", "/plans/", "/organizations/"])
def test_list_page_names_a_filter_it_does_not_take(client, commitments, address, language, notice):
    response = client.get(f"{address}?plan=AP_PER01", HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 200
    assert notice in response.content.decode()


def test_several_unknown_filters_are_named_together(client, commitments):
    html = client.get("/commitments/?plan=AP_PER01&pais=PE", HTTP_ACCEPT_LANGUAGE="en")
    assert (
        "The filters “pais”, “plan” are not known: this list is not filtered by them."
        in html.content.decode()
    )


def test_known_filters_still_apply_and_links_leave_the_unknown_one_out(client, commitments):
    html = client.get(
        "/commitments/?plan=AP_PER01&action_plan=AP_XXX01", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()

    assert "XX0001" in html
    assert "PE0001" not in html
    links = [
        link
        for link in re.findall(r'href="([^"]*)"', html)
        if link.startswith(("?", "/downloads/", "/api/", "/search/"))
    ]
    assert links
    assert not [link for link in links if re.search(r"(^|[?&;])plan=", link)]
    assert 'name="plan"' not in html  # the search form's hidden choices


def test_known_filters_alone_show_no_notice(client, commitments):
    html = client.get("/commitments/?action_plan=AP_PER01&page=1", HTTP_ACCEPT_LANGUAGE="en")
    assert "not known" not in html.content.decode()


def test_the_api_still_refuses_an_unknown_parameter(api_client, commitments):
    assert api_client.get("/api/v1/commitments/?plan=AP_PER01").status_code == 400
