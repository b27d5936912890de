"""A nation the Explorer file names (it carries no commitment ids) gets ISO's two letters as its
commitment prefix, and the provisional ids its commitments are given carry them."""

from __future__ import annotations

import pytest

from .conftest import run_import

pytestmark = pytest.mark.django_db


def test_an_explorer_nation_takes_its_iso_letters_and_its_commitments_carry_them(
    client, explorer_file
):
    run_import(explorer_file(country="Peru", limit=6))

    member = client.get("/api/v1/members/PER/").json()
    assert (member["name"], member["iso_alpha2"], member["commitment_prefix"]) == (
        "Peru",
        "PE",
        "PE",
    )
    rows = client.get("/api/v1/commitments/", {"member": "PER", "page_size": 100}).json()
    ids = [row["ogp_id"] for row in rows["results"]]
    assert len(ids) == 6 and all(i.startswith("PE-P") for i in ids), ids[:3]
