"""A member's name longer than its column (200) is kept cut to the column, and the
member is found again by its code on the next import (issue 17; parents.member)."""

from __future__ import annotations

import pytest

from commitments.models import Member

from .conftest import run_import
from .test_member_names_and_prefixes import row

pytestmark = pytest.mark.django_db

# A cell an export ran together, without spaces past its opening words: it is cut hard at the column.
LONG_PLACE = "Gobierno Autónomo Municipal de " + "LaPaz" * 60


def test_a_member_name_past_its_column_is_cut_to_it_and_found_again(current_file):
    path = current_file([row("LAPAZ", LONG_PLACE, level="Local")])

    run_import(path)
    again = run_import(path)

    member = Member.objects.get(code="LAPAZ")
    assert member.name == LONG_PLACE[:199] + "…"
    assert "  members: 0 created, 0 updated, 1 unchanged" in again
