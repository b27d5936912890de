"""A row with few cells filled, most of them small numbers (a commitment or plan not yet coded:
its number, title, a 0 or a 1, the rest left empty), is a row of data, not the header's column
numbers again: the Explorer and process files' row 1 numbers the columns 0, 1, 2..., and a plan
number, a commitment number and a flag are such numbers too. It imports as it did before a
joined export's second header was looked for; it was skipped as "the header again"."""

from __future__ import annotations

import pytest

from commitments.models import Commitment, PlanProcess
from reviews.models import ImportRun

from ..accountability.test_process_import_cells import run as process_import
from ..accountability.test_process_import_cells import write as process_file
from ..admin.test_import_upload_of_joined_exports import upload
from .conftest import explorer_rows, write_csv

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]


def test_an_explorer_commitment_not_yet_coded_is_imported_through_the_admin(
    client, tmp_path, django_capture_on_commit_callbacks
):
    numbers, names, rows = explorer_rows()
    georgia = [r for r in rows if r[0] == "Georgia" and r[1] == "2"][:2]
    column = {name: i for i, name in enumerate(names) if name}
    added = [""] * len(names)
    for name, value in {
        "Country": "Georgia",
        "Action Plan Number": "2",
        "Comm No": "28",
        "Commitment Title": "Open local budgets",
        "IRM Assessed (Y/N)?": "0",
    }.items():
        added[column[name]] = value
    content = write_csv(tmp_path / "georgia.csv", [numbers, names, *georgia, added]).read_bytes()

    run = upload(client, content, django_capture_on_commit_callbacks)
    page = client.get(
        f"/admin/reviews/importrun/{run.pk}/change/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/reviews/importrun/{run.pk}/change/", {"_confirm_import": "1"})

    assert "the header again" not in page
    run.refresh_from_db()
    assert run.state == ImportRun.State.IMPORTED
    assert Commitment.objects.filter(action_plan__member__code="GEO").count() == 3
    assert Commitment.objects.filter(title="Open local budgets").exists()


def test_a_process_row_with_only_its_plan_and_two_flags_is_imported(tmp_path):
    header = [
        "Country name",
        "Action Plan Number",
        "Year AP Submitted",
        "_Number of steps followed (out of 6)",
        "IAP2 level during development",
        "IAP2 level during imp.",
        "Change of executive",
    ]
    numbers = [str(i) for i in range(len(header))]
    path = process_file(
        tmp_path,
        header,
        [
            {
                "Country name": "Peru",
                "Action Plan Number": "1",
                "Year AP Submitted": "2012",
                "IAP2 level during development": "Consult",
                "IAP2 level during imp.": "Inform",
                "_Number of steps followed (out of 6)": "4",
                "Change of executive": "0",
            },
            # A plan the IRM had not yet looked at: no steps followed yet, a new government.
            {
                "Country name": "Azerbaijan",
                "Action Plan Number": "3",
                "Year AP Submitted": "2016",
                "_Number of steps followed (out of 6)": "0",
                "Change of executive": "1",
            },
        ],
        lead=[numbers],
    )

    printed = process_import(path)

    assert "the header again" not in printed
    assert sorted(PlanProcess.objects.values_list("action_plan__ogp_id", flat=True)) == [
        "AP_AZE03",
        "AP_PER01",
    ]
