"""What a member is called and which prefix its provisional ids carry when OGP's sheet leaves things
out (issue 17), through the import command: a nation with no place name takes its common name, a code
outside ISO with no name is named by its code, and a member whose rows carry no OGP id takes the first
six letters of its code (XX when it has fewer than two)."""

from __future__ import annotations

import pytest

from commitments.models import Commitment, Member

from .conftest import run_import

pytestmark = pytest.mark.django_db


def row(code: str, place: str, level: str = "National", ogp_id: str = "") -> dict[str, str]:
    return {
        "Commitment Unique Identifier": ogp_id,
        "Country/Locality": place,
        "Code": code,
        "National Or Local": level,
        "Action Plan Number": "1",
        "Commitment Number": "1",
        "Commitment Title": "Portal de datos abiertos",
    }


@pytest.mark.parametrize(
    ("code", "name"), [("BOL", "Bolivia"), ("TZA", "Tanzania"), ("PER", "Peru")]
)
def test_a_nation_without_a_place_name_takes_its_common_name(current_file, code, name):
    run_import(current_file([row(code, "", ogp_id=f"{code[:2]}0001")]))

    member = Member.objects.get()
    assert (member.code, member.name, member.kind) == (code, name, "national")


def test_a_code_outside_iso_without_a_place_name_is_named_by_its_code(current_file):
    printed = run_import(current_file([row("xkx", "", ogp_id="XK0001")]))

    member = Member.objects.get()
    assert (member.code, member.name, member.iso_alpha2, member.commitment_prefix) == (
        "XKX",
        "XKX",
        "",
        "XK",
    )
    assert "“XKX” is not an ISO alpha-3 country code: kept as OGP's own code" in printed


@pytest.mark.parametrize(
    ("level", "place", "code", "prefix"),
    [
        ("National", "Kosovo", "XKX", "XKX"),
        ("Local", "Buenos Aires, Argentina", "BUENOSAIRES", "BUENOS"),
        ("Local", "Buenos Aires, Argentina", "B-A_2025", "BA"),
        ("Other", "Somewhere", "A1", "XX"),
    ],
)
def test_without_ogp_ids_the_prefix_is_the_codes_first_six_letters(
    current_file, level, place, code, prefix
):
    run_import(current_file([row(code, place, level=level)]))

    member = Member.objects.get(code=code)
    assert member.commitment_prefix == prefix
    assert Commitment.objects.get().ogp_id == f"{prefix}-P0001"
