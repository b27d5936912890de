"""A member's level and code in OGP's current sheet, through the import command: the whole warning a
user reads for each level written in other words, the column a bad code is refused under, and the
prefix the member's own ids carry."""

from __future__ import annotations

import pytest

from commitments.models import Member

from .conftest import run_import
from .test_worst_cells import refused, rows

pytestmark = pytest.mark.django_db


def member_row(level: str, place: str, code: str = "MIR", ogp_id: str = "MF0001") -> dict:
    return {
        "National Or Local": level,
        "Country/Locality": place,
        "Code": code,
        "Commitment Unique Identifier": ogp_id,
    }


@pytest.mark.parametrize(
    ("level", "place", "kind", "line"),
    [
        (
            "Local (legacy)",
            "Miraflores, Peru",
            "local",
            "column “National Or Local”: “Local (legacy)” read as Local (1 row: 2 (MF0001))",
        ),
        (
            "Local",
            "Miraflores, Atlantis",
            "other",
            "column “Country/Locality”: a local member is written “Locality, Country”; found "
            "“Miraflores, Atlantis”: read as another kind of member (1 row: 2 (MF0001))",
        ),
        (
            "Subnational",
            "Miraflores, Peru",
            "other",
            "column “National Or Local”: “Subnational” is neither National nor Local: read as "
            "another kind of member (1 row: 2 (MF0001))",
        ),
    ],
    ids=["legacy", "unknown-country", "neither"],
)
def test_each_level_in_other_words_is_read_with_the_whole_warning_and_the_ids_prefix(
    current_file, level, place, kind, line
):
    printed = run_import(current_file(rows(member_row(level, place))))

    member = Member.objects.get(code="MIR")
    assert (member.kind, member.commitment_prefix) == (kind, "MF")
    assert f"warning: {line}" in printed


@pytest.mark.parametrize(
    ("level", "place", "code"),
    [("National", "Peru", "M!R"), ("Local", "Miraflores, Peru", "M!R"), ("Other", "X", "M!R")],
    ids=["national", "local", "other"],
)
def test_a_code_that_is_no_member_code_is_refused_under_its_column(
    current_file, level, place, code
):
    message = refused(current_file(rows(member_row(level, place, code=code))))

    assert f"row 2, MF0001, column “Code”: “{code}” is not an OGP member code" in message
