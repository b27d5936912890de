"""/api/v1/stats/completion/history/ for every group_by that takes a key besides action_plan (a
member, a lead organisation, an OGP value, a policy area), as an anonymous visitor reads it: the
group's label, its own commitments only, and its figures on a past day and today, over the dated
records of the `history` fixture; an unknown key is a 404 and a missing one a 400, in the visitor's
language."""

from __future__ import annotations

import pytest

from commitments.figures.api import HISTORY_GROUPINGS
from tests.figures.test_asof_stats_by_grouping import (  # the fixture `history`, for usefixtures
    AS_OF,
    EXPECTED,
    ZERO,
    history,  # noqa: F401
)

pytestmark = [pytest.mark.django_db, pytest.mark.world("figures")]

HISTORY = "/api/v1/stats/completion/history/"

# group_by, key, how many commitments the group has in the figures world.
GROUPS = [
    ("member", "BBB", 2),  # c5, c6
    ("organization", "org-y", 2),  # c4, c6
    ("policy_area", "water", 2),  # c1, c5
    ("policy_area", "health", 1),  # c1, which is in water too
    ("ogp_value", "access_to_information", 1),  # c1
    ("ogp_value", "civic_participation", 1),  # c5
]


def course(api_client, grouping: str, key: str, language: str = "es") -> dict:
    response = api_client.get(
        HISTORY, {"group_by": grouping, "key": key}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["group_by"], body["key"]) == (grouping, key)
    return body


def counts(point: dict) -> dict[str, dict[str, int]]:
    """A point's IRM and civil-society counts, in the shape of EXPECTED."""
    return {
        track: {level: point["completion"][track][level] for level in ZERO}
        for track in ("irm", "civil_society")
    }


def test_every_grouping_with_a_key_has_a_course_case():
    tested = {grouping for grouping, _, _ in GROUPS}
    assert tested == set(HISTORY_GROUPINGS) - {"all", "action_plan"}  # those two tested elsewhere


@pytest.mark.usefixtures("history")
@pytest.mark.parametrize(("grouping", "key", "size"), GROUPS)
def test_a_groups_course_counts_its_commitments_on_a_past_day_and_today(
    api_client, grouping, key, size
):
    points = course(api_client, grouping, key)["results"]
    assert {point["commitment_count"] for point in points} == {size}
    on_the_day, today = EXPECTED[grouping]
    assert on_the_day[key] != today[key]  # so the past point shows what it stood at then
    past = [point for point in points if point["day"] <= AS_OF][-1]
    assert counts(past) == on_the_day[key]
    assert counts(points[-1]) == today[key]


# (group_by, key, the visitor's language) -> the label the course is given; an OGP value's is
# translated, a member's and a policy area's are their names as recorded (health: c1 is in water too).
LABELS = {
    ("member", "BBB", "es"): "Borduria",
    ("policy_area", "health", "es"): "Health",
    ("policy_area", "water", "es"): "Water",
    ("ogp_value", "access_to_information", "es"): "Acceso a la información",
    ("ogp_value", "access_to_information", "en"): "Access to information",
    ("ogp_value", "civic_participation", "es"): "Participación ciudadana",
    ("ogp_value", "civic_participation", "en"): "Civic participation",
}


@pytest.mark.usefixtures("history")
@pytest.mark.parametrize(("case", "label"), LABELS.items(), ids=["-".join(case) for case in LABELS])
def test_a_groups_course_is_labelled_with_its_name_in_the_visitors_language(
    api_client, case, label
):
    assert course(api_client, *case)["label"] == label


def test_an_organisations_course_is_labelled_with_its_name(world, api_client):
    assert course(api_client, "organization", "org-y")["label"] == world.orgs["Y"].name


@pytest.mark.parametrize(
    ("grouping", "key"),
    [
        ("member", "ZZZ"),
        ("member", "AP_BBB01"),  # an action plan's key, not a member's
        ("organization", "no-such-organisation"),
        ("policy_area", "no-such-area"),
        ("ogp_value", "transparency"),
        ("ogp_value", "Access to information"),  # the label, not the key
    ],
)
@pytest.mark.parametrize(
    ("language", "message"),
    [("es", "No hay cifras registradas para {} {}."), ("en", "No figures recorded for {} {}.")],
    ids=["es", "en"],
)
@pytest.mark.usefixtures("world")
def test_an_unknown_key_is_not_found_in_the_visitors_language(
    api_client, grouping, key, language, message
):
    response = api_client.get(
        HISTORY, {"group_by": grouping, "key": key}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 404
    assert response.json() == {"detail": message.format(grouping, key)}


@pytest.mark.parametrize("grouping", sorted(set(HISTORY_GROUPINGS) - {"all"}))
@pytest.mark.parametrize("key", [None, "  "], ids=["absent", "blank"])
@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("es", "Indique la clave del grupo, p. ej. key=AP_PER01 para un plan de acción."),
        ("en", "Give the group's key, e.g. key=AP_PER01 for an action plan."),
    ],
    ids=["es", "en"],
)
def test_a_missing_key_is_a_field_error_on_key(api_client, grouping, key, language, message):
    params = {"group_by": grouping} if key is None else {"group_by": grouping, "key": key}
    response = api_client.get(HISTORY, params, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert response.json() == {"key": [message]}
