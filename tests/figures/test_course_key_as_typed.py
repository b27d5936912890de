"""The completion history takes a group's key the way the commitment filters do (?member=pe,
?action_plan=ap_per01, ?organization=MINJUS, ?policy_area=Water; and /members/pe/,
/action-plans/ap_per01/): a member by OGP code in any case or a nation's ISO alpha-2 code, a plan's
OGP id in any case, an organisation's or policy area's slug in any case. The answer is the one for
the key as recorded, and names the group by it."""

from __future__ import annotations

import pytest

from tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    MemberFactory,
    OrganizationFactory,
    PolicyAreaFactory,
)

pytestmark = pytest.mark.django_db

HISTORY = "/api/v1/stats/completion/history/"


@pytest.fixture
def peru():
    """Peru (PER, PE) with plan AP_PER01 of two commitments, one led by minjus on water; and a
    commitment of another member, led by minjus on water too."""
    peru = MemberFactory(code="PER", name="Peru", iso_alpha2="PE")
    plan = ActionPlanFactory(member=peru, number=1)
    minjus = OrganizationFactory(slug="minjus", name="Ministerio de Justicia")
    water = PolicyAreaFactory(slug="water", name="Water")
    for led in (CommitmentFactory(action_plan=plan, lead_organization=minjus), CommitmentFactory()):
        led.policy_areas.add(water)
    CommitmentFactory(action_plan=plan)


# group_by -> the key as recorded, and the ways a visitor may type it.
TYPED = {
    "member": ("PER", ["per", "PE", "pe"]),
    "action_plan": ("AP_PER01", ["ap_per01"]),
    "organization": ("minjus", ["MINJUS"]),
    "policy_area": ("water", ["Water"]),
}


@pytest.mark.usefixtures("peru")
@pytest.mark.parametrize(
    ("grouping", "typed", "recorded"),
    [(grouping, typed, recorded) for grouping, (recorded, ways) in TYPED.items() for typed in ways],
)
def test_a_key_typed_as_the_rest_of_the_api_takes_it_gets_the_groups_course(
    api_client, grouping, typed, recorded
):
    exact = api_client.get(HISTORY, {"group_by": grouping, "key": recorded})
    answer = api_client.get(HISTORY, {"group_by": grouping, "key": typed})

    assert exact.status_code == answer.status_code == 200, answer.content
    assert answer.json() == exact.json()
    assert answer.json()["key"] == recorded
