"""A plan whose dates give one year only (no end, no start, or the same year twice) is named with
that one year in the admin's pick-lists: "Perú · plan 1 (2012)", never "(2012-None)",
"(None-2014)", "(2016-2016)" or no year at all; a plan
without any year is named without one, never "(None)"."""

from __future__ import annotations

import datetime

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def plan_pick_list(client, term: str) -> list[str]:
    """The plans the admin offers for a commitment's plan, as the autocomplete names them."""
    response = client.get(
        "/admin/autocomplete/",
        {
            "term": term,
            "app_label": "commitments",
            "model_name": "commitment",
            "field_name": "action_plan",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    return sorted(result["text"] for result in response.json()["results"])


def test_plans_with_one_year_are_named_with_it(client):
    client.force_login(factories.make_plan_admin())
    peru = factories.MemberFactory(code="PER", name="Perú")
    title = "Plan de Acción de Gobierno Abierto"
    dates = {
        1: (datetime.date(2012, 4, 10), None),
        2: (None, datetime.date(2014, 12, 31)),
        3: (datetime.date(2016, 1, 1), datetime.date(2016, 12, 31)),
        4: (None, None),
    }
    for number, (start, end) in dates.items():
        factories.ActionPlanFactory(
            member=peru,
            number=number,
            title=title,
            start_date=start,
            end_date=end,
            submission_year=None,
            end_year=None,
        )

    assert plan_pick_list(client, "Plan") == [
        "Perú · plan 1 (2012)",
        "Perú · plan 2 (2014)",
        "Perú · plan 3 (2016)",
        "Perú · plan 4",
    ]
