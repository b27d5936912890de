"""A plan id already held by another plan (issue 17; reviews/importers/parents.py `plan`): the
admin lets a plan administrator type any id, so Colombia's plan 3, or Peru's plan 5, may have been
saved as AP_PER03. A file whose rows belong to Peru's plan 3 is then refused whole, naming the plan
that holds the id, rather than filing Peru's commitments under another plan."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from commitments.models import ActionPlan, Commitment, Member
from tests import factories

from .conftest import run_import
from .test_worst_cells import rows

pytestmark = pytest.mark.django_db


def holder(code: str, number: int) -> ActionPlan:
    member = Member.objects.filter(code=code).first() or factories.MemberFactory(
        code=code, name=code, commitment_prefix=code[:2]
    )
    return factories.ActionPlanFactory(member=member, number=number, ogp_id="AP_PER03")


@pytest.mark.parametrize(
    ("code", "number", "language", "expected"),
    [
        # Another member's plan of the same number.
        ("COL", 3, "en", "row 2, PE0001: plan AP_PER03 already exists as plan 3 of COL"),
        ("COL", 3, "es", "fila 2, PE0001: el plan AP_PER03 ya existe como plan 3 de COL"),
        # Peru's own plan 5, saved with plan 3's id.
        ("PER", 5, "en", "row 2, PE0001: plan AP_PER03 already exists as plan 5 of PER"),
    ],
)
def test_a_file_naming_a_plan_id_another_plan_holds_is_refused(
    client, current_file, code, number, language, expected
):
    holder(code, number)

    with pytest.raises(CommandError) as error:
        run_import(current_file(rows({}, {})), language=language)

    assert expected in str(error.value)
    # Nothing written: no commitment, no other plan, the holder as it was.
    assert Commitment.objects.count() == 0
    assert Member.objects.count() == 1
    plan = ActionPlan.objects.get()
    assert (plan.member.code, plan.number, plan.ogp_id) == (code, number, "AP_PER03")
    assert client.get("/api/v1/action-plans/AP_PER03/").json()["member"] == code


def test_the_same_plan_of_the_same_member_under_its_own_id_is_found_not_refused(current_file):
    holder("PER", 3)

    printed = run_import(current_file(rows({}, {})))

    assert "action plans: 0 created, 0 updated, 1 unchanged" in printed
    assert Commitment.objects.filter(action_plan__ogp_id="AP_PER03").count() == 2
