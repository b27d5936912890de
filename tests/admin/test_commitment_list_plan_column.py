"""The admin's commitment list names each commitment's plan briefly ("Perú · plan 1 (2012-2014)",
as the plan filter beside it does), not by the plan's whole title: a Spanish title such as "Plan de
Acción de Gobierno Abierto del Perú 2012-2014" took the row's width and pushed the later columns
(the lead organisation, the three tracks' levels) off a desktop screen. The title stays on hover."""

from __future__ import annotations

import datetime
import re

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

TITLE = "Plan de Acción de Gobierno Abierto del Perú 2012-2014, aprobado por Decreto Supremo"


@pytest.fixture
def peru_commitment():
    peru = factories.MemberFactory(code="PER", name="Peru", iso_alpha2="PE")
    plan = factories.ActionPlanFactory(
        member=peru,
        number=1,
        title=TITLE,
        start_date=datetime.date(2012, 4, 10),
        end_date=datetime.date(2014, 6, 30),
    )
    return factories.CommitmentFactory(action_plan=plan, ogp_id="PE0001")


def plan_cells(page: str) -> list[str]:
    return re.findall(r'<td class="field-plan">(.*?)</td>', page, flags=re.S)


@pytest.mark.parametrize(
    ("language", "label", "heading"),
    [
        ("es", "Perú · plan 1 (2012-2014)", "Plan de acción"),
        ("en", "Peru · plan 1 (2012-2014)", "Action plan"),
    ],
)
def test_commitment_list_names_the_plan_briefly_with_its_title_on_hover(
    client, peru_commitment, language, label, heading
):
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    page = client.get(
        "/admin/commitments/commitment/", HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    [cell] = plan_cells(page)
    assert re.sub(r"<[^>]+>", "", cell) == label
    assert f'title="{TITLE}"' in cell
    assert heading in page


def test_an_untitled_plan_is_named_the_same_way_without_a_hover_text(client, peru_commitment):
    plan = peru_commitment.action_plan
    plan.title = ""
    plan.save(update_fields=["title"])
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    page = client.get("/admin/commitments/commitment/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert plan_cells(page) == ["Peru · plan 1 (2012-2014)"]
