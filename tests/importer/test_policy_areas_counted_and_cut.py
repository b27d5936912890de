"""Policy areas as the import command makes them (reviews/importers/parents.py, issue 17): an area
from a real flag column can be filtered on by the slug the API serves."""

from __future__ import annotations

import pytest

from .conftest import run_import
from .test_worst_cells import rows

pytestmark = pytest.mark.django_db


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
