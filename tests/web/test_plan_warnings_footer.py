"""The plan page's integrity section ends with its warnings in the API ("Warnings in the API: JSON ·
CSV") only when it has warnings to give: a plan with none said "No integrity warning for
this plan" and then "Warnings:", which a phone breaks after the colon, so it read as a label with
nothing after it."""

from __future__ import annotations

import re

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def integrity(client, plan, language: str) -> str:
    page = client.get(f"/plans/{plan.ogp_id}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    return re.search(
        r'<section aria-labelledby="integrity-heading".*?</section>', page, re.S
    ).group(0)


FOOTERS = [("en", "Warnings in the API:"), ("es", "Advertencias en la API:")]


@pytest.mark.parametrize(("language", "footer"), FOOTERS)
def test_a_plan_without_warnings_says_so_once_and_offers_no_empty_list(client, language, footer):
    plan = factories.ActionPlanFactory()
    section = integrity(client, plan, language)
    assert 'class="integrity-ok"' in section
    assert footer not in section
    assert "/api/v1/plan-warnings/" not in section


@pytest.mark.parametrize(("language", "footer"), FOOTERS)
def test_a_plan_with_warnings_lists_them_and_offers_them_in_the_api(client, language, footer):
    plan = factories.ActionPlanFactory()
    factories.CommitmentFactory(action_plan=plan)  # no milestone, no indicator: warnings
    section = integrity(client, plan, language)
    assert 'class="integrity-warnings"' in section
    assert f'<p class="rule"><span class="api-links">{footer} <a' in section
    assert f"/api/v1/plan-warnings/?action_plan={plan.ogp_id}&amp;format=csv" in section
