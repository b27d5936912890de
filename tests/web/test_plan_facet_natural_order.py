"""The faceted list's choices that count as many commitments each are in the order a reader
expects: by member name as the page shows it (accents and case aside), then by plan number as a
number, so "plan 2" comes before "plan 10". Until 8 December such ties were sorted as text: "plan 10"
before "plan 2"."""

from __future__ import annotations

import datetime

import pytest

from tests import factories

from .test_plan_facet_named_like_the_tables import PAGES, _html, _plan_choices

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans_one_commitment_each():
    peru = factories.MemberFactory(code="PER", iso_alpha2="PE", name="Peru", commitment_prefix="PE")
    spain = factories.MemberFactory(
        code="ESP", iso_alpha2="ES", name="Spain", commitment_prefix="ES"
    )
    made = []
    for member, number in ((peru, 10), (spain, 1), (peru, 2), (peru, 1)):
        plan = factories.ActionPlanFactory(
            member=member,
            number=number,
            title="",
            start_date=datetime.date(2000 + number, 1, 1),
            end_date=datetime.date(2001 + number, 6, 30),
        )
        factories.CommitmentFactory(action_plan=plan, title=f"Transparencia activa {number}")
        made.append(plan)
    return made


@pytest.mark.parametrize(("path", "params"), PAGES)
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "es",
            [
                "España · plan 1 (2001-2002)",
                "Perú · plan 1 (2001-2002)",
                "Perú · plan 2 (2002-2003)",
                "Perú · plan 10 (2010-2011)",
            ],
        ),
        (
            "en",
            [
                "Peru · plan 1 (2001-2002)",
                "Peru · plan 2 (2002-2003)",
                "Peru · plan 10 (2010-2011)",
                "Spain · plan 1 (2001-2002)",
            ],
        ),
    ],
)
def test_plans_counting_alike_are_listed_by_member_then_plan_number(
    client, plans_one_commitment_each, path, params, language, expected
):
    choices = _plan_choices(_html(client, path, params, language))
    assert [label for _link, _title, label in choices] == expected
