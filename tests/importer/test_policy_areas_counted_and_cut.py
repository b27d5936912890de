"""Policy areas as the import command makes them (reviews/importers/parents.py, issue 17): the summary
counts each area once per file, as created the first time a file names it and as unchanged when it is
already there, however many rows flag it; and a flag column whose header is longer than an area's
name holds becomes one area, cut to its columns, found again by the next import."""

from __future__ import annotations

import pytest
from django.utils.text import slugify

from commitments.models import PolicyArea

from .conftest import run_import, write_csv
from .test_worst_cells import rows, warning

pytestmark = pytest.mark.django_db


def test_each_policy_area_is_counted_once_as_created_then_as_unchanged(current_file):
    # Flags spelled as real sheets spell them: 1, Yes, 1.0 with spaces around, y.
    first = run_import(
        current_file(
            rows(
                {"Open Data": "1", "Right To Information": "Yes"},
                {"Open Data": " 1.0 ", "Right To Information": "0"},
                {"Open Data": "y"},
            ),
            name="first.csv",
        )
    )
    second = run_import(
        current_file(
            rows(
                {"Open Data": "YES", "Gender": "1"},
                {"Open Data": "1", "Right To Information": "1.0"},
                {"Right To Information": "yes", "Gender": "1"},
            ),
            name="second.csv",
        )
    )

    assert warning(first, "policy areas:") == "  policy areas: 2 created, 0 updated, 0 unchanged"
    assert warning(second, "policy areas:") == "  policy areas: 1 created, 0 updated, 2 unchanged"
    assert sorted(PolicyArea.objects.values_list("name", flat=True)) == [
        "Gender",
        "Open Data",
        "Right To Information",
    ]


def test_an_over_long_flag_header_is_one_area_cut_to_its_columns_and_found_again(
    client, tmp_path, current_header
):
    long_name = (
        "Open Data for the Implementation of the Sustainable Development Goals at National and "
        "Subnational Level, including Health, Education, Water and Sanitation (Agenda 2030)"
    )
    header = [long_name if c == "Open Data" else c for c in current_header]
    path = write_csv(
        tmp_path / "long-header.csv",
        [header, *([r.get(c, "") for c in current_header] for r in rows({"Open Data": "1"}))],
    )
    slug = slugify(long_name)[:80]
    assert len(long_name) > 120 and len(slugify(long_name)) > 80

    run_import(path)
    again = run_import(path)

    served = client.get("/api/v1/commitments/PE0001/").json()["policy_areas"]
    assert served == [{"id": slug, "name": long_name[:120]}]
    listed = client.get("/api/v1/commitments/", {"policy_area": slug}).json()
    assert [c["ogp_id"] for c in listed["results"]] == ["PE0001"]
    assert warning(again, "policy areas:") == "  policy areas: 0 created, 0 updated, 1 unchanged"


def test_a_real_flag_column_whose_slug_passes_forty_letters_can_be_filtered_on(
    client, current_file
):
    # A column of OGP's own header; its slug is 43 letters, past the 40 the filter once took.
    run_import(current_file(rows({"Public Participation In Budget/Fiscal Policy": "1"}, {})))

    served = client.get("/api/v1/commitments/PE0001/").json()["policy_areas"]
    assert [area["id"] for area in served] == ["public-participation-in-budgetfiscal-policy"]
    listed = client.get("/api/v1/commitments/", {"policy_area": served[0]["id"]})
    assert listed.status_code == 200
    assert [c["ogp_id"] for c in listed.json()["results"]] == ["PE0001"]
