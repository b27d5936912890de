"""The policy areas are the flag columns from the format's first to its last (“Anti-Corruption and
Integrity” to “Money in Politics” in OGP's sheet), as OGP lays them out. A sheet whose columns were
moved or sorted breaks that: until 8 December, the last before the first gave every row no policy
area without a word, and a sorted header read the columns standing between them (“Commitment
Number”, “Code”...) as policy areas, making one called “Commitment Number”. Such a header is
refused, saying which columns stand where, since the policy areas cannot be told from it."""

from __future__ import annotations

import pytest

from .conftest import explorer_rows, write_csv
from .test_header_refusals import refusal

pytestmark = pytest.mark.django_db

ROW = {
    "Commitment Unique Identifier": "PE0001",
    "Country/Locality": "Peru",
    "Code": "PER",
    "National Or Local": "National",
    "Action Plan Number": "2",
    "Commitment Number": "1",
    "Commitment Title": "Portal de datos abiertos",
    "Anti-Corruption and Integrity": "1",
    "Money in Politics": "1",
}


def sheet(tmp_path, header: list[str]):
    return write_csv(tmp_path / "sheet.csv", [header, [ROW.get(name, "") for name in header]])


def test_the_last_policy_area_column_moved_before_the_first_is_refused(tmp_path, current_header):
    header = list(current_header)
    header.insert(0, header.pop(header.index("Money in Politics")))

    message = refusal(sheet(tmp_path, header))

    assert (
        "row 1, column “Money in Politics”: comes before “Anti-Corruption and Integrity”: the "
        "policy areas are the columns from that one to this one (columns moved or sorted?)"
    ) in message


def test_a_sorted_header_is_refused_naming_the_columns_among_the_policy_areas(
    tmp_path, current_header
):
    message = refusal(sheet(tmp_path, sorted(current_header)))

    assert (
        "row 1: the policy areas are the columns from “Anti-Corruption and Integrity” to “Money "
        "in Politics”, and “Cluster”, “Code”, “Commitment Number”, “Commitment Title”, "
        "“Commitment Unique Identifier” and "
    ) in message
    assert "stand between them (columns moved or sorted?)" in message


def test_an_explorer_column_moved_among_the_policy_areas_is_refused(tmp_path):
    numbers, names, rows = explorer_rows()
    order = list(range(len(names)))
    order.insert(names.index("Open Data"), order.pop(names.index("Specificity")))

    message = refusal(
        write_csv(
            tmp_path / "explorer.csv",
            [numbers, [names[i] for i in order], *([r[i] for i in order] for r in rows[:2])],
        )
    )

    assert (
        "row 2: the policy areas are the columns from “Anti-corruption” to “Marginalized "
        "Communities”, and “Specificity” stands between them"
    ) in message
