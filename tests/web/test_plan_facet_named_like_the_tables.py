"""The plan choices of the faceted lists (/search/ and /commitments/) name each plan as the
commitment tables beside them and the admin's pick-lists do (`ActionPlan.pick_label`: the member
in the page's language, "plan N", the years), not "AP_PER01 · Perú 1": a reader recognises the
same plan everywhere. The plan's OGP id stays in the choice's link and its title."""

from __future__ import annotations

import datetime
import re

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

# OGP writes "Peru"; a Spanish page names the nation "Perú" (Member.display_name).
NAMES = {
    "es": {
        "AP_PER01": "Perú · plan 1 (2012-2014)",
        "AP_PER02": "Perú · plan 2 (2015-2016)",
        "AP_PER03": "Perú · plan 3 (2017)",
    },
    "en": {
        "AP_PER01": "Peru · plan 1 (2012-2014)",
        "AP_PER02": "Peru · plan 2 (2015-2016)",
        "AP_PER03": "Peru · plan 3 (2017)",
    },
}
LANGUAGES = list(NAMES)
PAGES = [("/search/", {"q": "transparencia"}), ("/commitments/", {})]
PLAN_FACET = re.compile(
    r'<section class="facet" aria-label="(?:Action plan|Plan de acción)">(.*?)</section>', re.S
)


@pytest.fixture
def plans():
    peru = factories.MemberFactory(code="PER", iso_alpha2="PE", name="Peru", commitment_prefix="PE")
    titled = factories.ActionPlanFactory(
        member=peru,
        number=1,
        title="Plan de Acción de Gobierno Abierto 2012-2014",
        start_date=datetime.date(2012, 1, 1),
        end_date=datetime.date(2014, 6, 30),
    )
    # Plans OGP's sheet gives only years, or only the year it was submitted.
    by_years = factories.ActionPlanFactory(
        member=peru,
        number=2,
        title="",
        start_date=None,
        end_date=None,
        submission_year=2015,
        end_year=2016,
    )
    one_year = factories.ActionPlanFactory(
        member=peru, number=3, title="", start_date=None, end_date=None, submission_year=2017
    )
    for n, plan in enumerate([titled, titled, by_years, one_year], start=1):
        factories.CommitmentFactory(
            action_plan=plan, ogp_id=f"PE{n:04d}", title=f"Transparencia activa {n}"
        )
    return [titled, by_years, one_year]


def _html(client, path: str, params: dict, language: str) -> str:
    response = client.get(path, params, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, response.content[:300]
    return response.content.decode()


def _plan_choices(html: str) -> list[tuple[str, str, str]]:
    """The plan facet's choices as (link, title, label), in the page's order."""
    section = PLAN_FACET.search(html)
    assert section, "no plan facet"
    return re.findall(
        r'<li><a href="([^"]*)"(?: title="([^"]*)")?[^>]*>([^<]*?) <span class="facet-count">',
        section[1],
    )


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("path", "params"), PAGES)
def test_the_plan_choices_name_plans_as_the_table_beside_them(
    client, plans, path, params, language
):
    html = _html(client, path, params, language)
    names = NAMES[language]
    choices = _plan_choices(html)
    # The plan with two commitments first, then the others by name.
    assert [label for _link, _title, label in choices] == [
        names["AP_PER01"],
        names["AP_PER02"],
        names["AP_PER03"],
    ]
    for ogp_id, name in names.items():
        # The same name in the table's plan column.
        assert re.search(rf'<a href="/plans/{ogp_id}/"[^>]*>{re.escape(name)}</a></td>', html)
    assert "AP_PER01 · " not in html


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("path", "params"), PAGES)
def test_each_plan_choice_keeps_the_plans_id_in_its_link_and_title(
    client, plans, path, params, language
):
    choices = _plan_choices(_html(client, path, params, language))
    assert [(link.split("action_plan=")[1], title) for link, title, _label in choices] == [
        ("AP_PER01", "AP_PER01"),
        ("AP_PER02", "AP_PER02"),
        ("AP_PER03", "AP_PER03"),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("path", "params"), PAGES)
def test_a_chosen_plan_typed_in_any_case_is_shown_by_the_same_name(
    client, plans, path, params, language
):
    html = _html(client, path, {**params, "action_plan": "ap_per02"}, language)
    chosen = re.findall(r'class="facet-selected" aria-current="true">([^<]*?) <span', html)
    assert NAMES[language]["AP_PER02"] in chosen
    assert ">PE0003<" in html and ">PE0001<" not in html
