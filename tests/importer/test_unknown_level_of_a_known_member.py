"""A row whose `National Or Local` is neither (say "Regional") but whose code is already a member's
goes to that member, as it is: the import says so, instead of claiming it was filed as a member of
another kind (which it said until 7 December, while the row went to the nation)."""

from __future__ import annotations

import pytest

from commitments.models import Commitment, Member

from .conftest import run_import
from .test_worst_cells import rows

pytestmark = pytest.mark.django_db


def test_a_regional_row_of_a_national_member_is_filed_under_it_and_says_so(current_file):
    printed = run_import(
        current_file(rows({}, {"National Or Local": "Regional", "Country/Locality": "Peru"}))
    )

    peru = Member.objects.get(code="PER")
    assert peru.kind == "national" and Member.objects.count() == 1
    assert Commitment.objects.get(ogp_id="PE0002").action_plan.member == peru
    assert "“Regional” is neither National nor Local: read as another kind of member" in printed
    assert (
        "member PER is already recorded as National government: the row is filed under it"
        in printed
    )
    assert "filed as a member of another kind" not in printed


def test_a_new_code_with_an_unknown_level_is_a_new_member_of_another_kind(current_file):
    printed = run_import(
        current_file(
            rows(
                {
                    "National Or Local": "Subnational",
                    "Country/Locality": "Miraflores, Peru",
                    "Code": "MIR",
                    "Commitment Unique Identifier": "MF0001",
                }
            )
        )
    )

    assert Member.objects.get(code="MIR").kind == "other"
    assert "“Subnational” is neither National nor Local: read as another kind of member" in printed
    assert "is already recorded as" not in printed


def test_a_known_member_met_again_only_with_an_unknown_level_is_counted_unchanged(
    current_file, tmp_path
):
    run_import(current_file(rows({})))
    again = current_file(
        rows({"National Or Local": "Regional", "Country/Locality": "Peru"}), name="again.csv"
    )

    printed = run_import(again)

    members_line = next(line.strip() for line in printed.splitlines() if "members:" in line)
    assert members_line.startswith("members: 0 created, 0 updated, 1 unchanged")
    assert "member PER is already recorded as National government" in printed
