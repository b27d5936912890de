"""The public lists of plans and members, and the member menu of their filters, are in the order of
the names they show: on a Spanish page Spain reads "España" and comes before "Kenia" and "Perú";
on an English page, after them. Until 8 December they followed OGP's English names in both."""

from __future__ import annotations

import re

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

ORDER = {"es": ["España", "Kenia", "Perú"], "en": ["Kenya", "Peru", "Spain"]}


@pytest.fixture
def members():
    for code, iso, name in (("KEN", "KE", "Kenya"), ("PER", "PE", "Peru"), ("ESP", "ES", "Spain")):
        member = factories.MemberFactory(
            code=code, iso_alpha2=iso, name=name, commitment_prefix=iso
        )
        factories.CommitmentFactory(action_plan=factories.ActionPlanFactory(member=member))


def first_seen(html: str, names: list[str]) -> list[str]:
    return sorted(names, key=html.index)


@pytest.mark.parametrize("language", ["es", "en"])
def test_plan_list_and_its_member_menu_follow_the_shown_names(client, members, language):
    html = client.get("/plans/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    menu = re.search(r'<select id="f-member" name="member">.*?</select>', html, re.S)[0]
    table = html.split("<tbody>")[1].split("</tbody>")[0]
    assert first_seen(menu, ORDER[language]) == ORDER[language]
    assert first_seen(table, ORDER[language]) == ORDER[language]


@pytest.mark.parametrize("language", ["es", "en"])
def test_member_list_follows_the_shown_names(client, members, language):
    html = client.get("/members/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    table = html.split("<tbody>")[1].split("</tbody>")[0]
    assert first_seen(table, ORDER[language]) == ORDER[language]
