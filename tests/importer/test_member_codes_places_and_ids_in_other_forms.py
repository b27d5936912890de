"""Members and ids as OGP's sheet sometimes writes them, through the import command: a local
member's country in brackets (“Buenos Aires (AR)”), a nation's code in ISO's two letters (“AR”
beside “Argentina”), a row with no id at all, and one member whose ids carry two prefixes in one
file. Before 8 December the first was filed as a member of another kind, the second made a
second Argentina (member AR) beside ARG, the third was warned about as “” not being an id, and the
fourth passed without a word."""

from __future__ import annotations

import pytest

from commitments.models import Commitment, Member

from .conftest import run_import
from .test_member_names_and_prefixes import row as member_row

pytestmark = pytest.mark.django_db


def row(n: int, code: str, place: str, level: str = "National", ogp_id: str = "") -> dict:
    return {
        **member_row(code, place, level, ogp_id),
        "Commitment Number": str(n),
        "Commitment Title": f"Compromiso {n}",
    }


@pytest.mark.parametrize("place", ["Buenos Aires (AR)", "Buenos Aires (Argentina)"])
def test_a_local_members_country_in_brackets_makes_it_local_to_that_country(current_file, place):
    printed = run_import(current_file([row(1, "BUE", place, "Local", "BA0001")]))

    member = Member.objects.get(code="BUE")
    assert (member.kind, member.country.code, member.name) == ("local", "ARG", place)
    # Two letters may be a province's: said (test_two_letters_after_a_local_place); a name is not.
    two_letters = "“AR” read as ISO's two-letter code of Argentina"
    assert printed.count("warning") == printed.count(two_letters) == (place.endswith("(AR)"))


def test_a_place_in_brackets_that_is_no_country_is_still_another_kind_of_member(current_file):
    printed = run_import(current_file([row(1, "BUE", "Buenos Aires (CABA)", "Local", "BA0001")]))

    assert Member.objects.get(code="BUE").kind == "other"
    assert "a local member is written “Locality, Country”" in printed


def test_a_nations_code_in_isos_two_letters_is_that_nation(current_file):
    printed = run_import(
        current_file(
            [
                row(1, "AR", "Argentina", ogp_id="AR0001"),
                row(2, "ARG", "Argentina", ogp_id="AR0002"),
            ]
        )
    )

    assert list(Member.objects.values_list("code", "iso_alpha2")) == [("ARG", "AR")]
    assert Commitment.objects.filter(action_plan__ogp_id="AP_ARG01").count() == 2
    assert (
        "warning: column “Code”: “AR” is ISO's two-letter code of Argentina: read as ARG "
        "(1 row: 2 (AR0001))"
    ) in printed


def test_two_letters_beside_another_place_stay_ogps_own_code(current_file):
    printed = run_import(current_file([row(1, "AR", "Aruba", ogp_id="AR0001")]))

    assert list(Member.objects.values_list("code", flat=True)) == ["AR"]
    assert "“AR” is not an ISO alpha-3 country code: kept as OGP's own code" in printed


def test_a_row_without_an_id_is_warned_about_in_words(current_file):
    printed = run_import(
        current_file([row(1, "PER", "Peru", ogp_id="PE0001"), row(2, "PER", "Peru")])
    )

    assert (
        "warning: column “Commitment Unique Identifier”: no commitment id: the row gets a "
        "provisional id (1 row: 3)"
    ) in printed
    assert "“”" not in printed


def test_one_members_ids_with_two_prefixes_in_one_file_are_kept_with_a_warning(current_file):
    printed = run_import(
        current_file(
            [
                row(1, "PER", "Peru", ogp_id="PE0001"),
                row(2, "PER", "Peru", ogp_id="PER0002"),
                row(3, "PER", "Peru", ogp_id="PE0003"),
            ]
        )
    )

    assert sorted(Commitment.objects.values_list("ogp_id", flat=True)) == [
        "PE0001",
        "PE0003",
        "PER0002",
    ]
    assert Member.objects.get().commitment_prefix == "PE"
    assert (
        "warning: member PER's ids start with PE on row 2, this one with PER: kept as written "
        "(1 row: 3)"
    ) in printed
