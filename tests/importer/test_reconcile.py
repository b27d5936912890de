"""Combining a file without ids (the Explorer) with one carrying OGP's ids: matched commitments take
the real id (the old address redirects), nothing is overwritten by a different commitment, a
subset file re-points nothing, and the order of the files never changes what is served."""

from __future__ import annotations

import pytest
from django.db import transaction

from commitments.models import Commitment
from reviews.models import Assessment

from .conftest import explorer_rows, run_import, write_csv

pytestmark = pytest.mark.django_db


def peru_plan1_rows() -> tuple[list[str], list[str], list[list[str]]]:
    """Peru's first plan in the Explorer, 15 of its 48 rows: 1:A to 2:A, then its repeated number
    (4:A twice) and 4:B. What these tests check needs no more; every importer mutant runs them."""
    numbers, names, rows = explorer_rows()
    plan = [r for r in rows if r[0] == "Peru" and r[1] == "1"]
    return numbers, names, [*plan[:12], *plan[38:41]]


def sheet_rows() -> list[dict[str, str]]:
    _numbers, names, rows = peru_plan1_rows()
    title = names.index("Commitment Title")
    base = {
        "Country/Locality": "Peru",
        "Code": "PER",
        "National Or Local": "National",
        "Action Plan Number": "1",
        "Action Plan ID": "AP_PER01",
        "Year Of Submission": "2012",
        "Lead Institution": "Secretaría de Gestión Pública (SGP)",
        "Specificity": "Medium",
        "Potential Impact": "Transformative",
        "OGP Value Access To Information": "1",
        "Completion (Progress Report)": "Complete",
        "Report Publication Year (Progress Report)": "2014",
        "Starred (Current Formula) Progress Report": "1",
    }
    return [
        # Same number as the Explorer writes it: matched by the source key, title confirms.
        {
            **base,
            "Commitment Unique Identifier": "PE0008",
            "Commitment Number": "1:H",
            "Commitment Title": rows[7][title],
        },
        # Number written differently: matched by its (identical) title.
        {
            **base,
            "Commitment Unique Identifier": "PE0003",
            "Commitment Number": "1.3",
            "Commitment Title": rows[2][title],
        },
        # Not in the Explorer file.
        {
            **base,
            "Commitment Unique Identifier": "PE0100",
            "Commitment Number": "9",
            "Commitment Title": "Compromiso añadido en 2013",
        },
    ]


def served(client) -> dict:
    """What a reader gets: every commitment and Peru plan 1's figures, from the API."""
    response = client.get("/api/v1/commitments/", {"member": "PER", "page_size": 100})
    assert response.status_code == 200
    rows = {
        r["ogp_id"]: (r["title"], r["action_plan"], r["irm_completion"], r["irm_starred"])
        for r in response.json()["results"]
    }
    plan = client.get("/api/v1/action-plans/AP_PER01/").json()
    return {"commitments": rows, "plan": plan["completion"]}


@pytest.fixture
def files(tmp_path, current_file):
    numbers, names, rows = peru_plan1_rows()
    explorer = write_csv(tmp_path / "explorer.csv", [numbers, names, *rows])
    sheet = current_file(sheet_rows(), name="sheet.csv")
    return explorer, sheet


def test_a_sheet_with_ids_reconciles_the_explorers_provisional_ids(client, files):
    explorer, sheet = files
    run_import(explorer)
    assert Commitment.objects.get(ogp_id="PE-P0008").id_provisional

    printed = run_import(sheet)

    assert "commitments reconciled: 2" in printed
    assert "commitments: 1 created, 2 updated" in printed
    pe8 = Commitment.objects.get(ogp_id="PE0008")
    assert not pe8.id_provisional and pe8.source_row == 2
    assert Commitment.objects.get(ogp_id="PE0003").source_file == "sheet.csv"
    assert Commitment.objects.filter(action_plan__ogp_id="AP_PER01").count() == 16
    # The old addresses lead to the commitment.
    response = client.get("/commitments/PE-P0008/")
    assert response.status_code == 301 and response["Location"] == "/commitments/PE0008/"
    # The sheet's ratings win over the Explorer's for the same report.
    assert Assessment.objects.get(commitment=pe8, report__kind="progress").completion == "complete"
    # A second run of either file changes nothing.
    assert "commitments: 0 created, 0 updated, 3 unchanged" in run_import(sheet)
    assert "commitments: 0 created, 0 updated, 15 unchanged" in run_import(explorer)


def test_import_order_never_changes_what_is_served(client, files):
    explorer, sheet = files
    with transaction.atomic():  # rolled back: the second order starts from an empty database
        run_import(explorer)
        run_import(sheet)
        first = served(client)
        transaction.set_rollback(True)
    assert not Commitment.objects.exists()

    run_import(sheet)
    run_import(explorer)

    assert served(client) == first
    assert len(first["commitments"]) == 16
    assert {"PE0003", "PE0008", "PE0100", "PE-P0001", "PE-P0015"} <= set(first["commitments"])


def test_a_subset_file_re_points_nothing(files, tmp_path):
    explorer, _sheet = files
    run_import(explorer)
    before = dict(Commitment.objects.values_list("ogp_id", "title"))
    numbers, names, rows = peru_plan1_rows()
    subset = write_csv(tmp_path / "subset.csv", [numbers, names, *rows[3:13]])

    printed = run_import(subset)

    assert "commitments: 0 created, 0 updated, 10 unchanged" in printed
    assert dict(Commitment.objects.values_list("ogp_id", "title")) == before


def test_an_id_that_would_move_a_commitment_to_another_plan_is_a_conflict(current_file, files):
    _explorer, sheet = files
    run_import(sheet)
    moved = [{**sheet_rows()[2], "Action Plan Number": "2", "Action Plan ID": "AP_PER02"}]

    printed = run_import(current_file(moved, name="moved.csv"))

    assert "conflict, not written: row 2 (PE0100): PE0100 belongs to plan AP_PER01" in printed
    assert Commitment.objects.get(ogp_id="PE0100").action_plan.ogp_id == "AP_PER01"


def test_every_source_row_is_kept_and_served(client, files):
    explorer, sheet = files
    run_import(explorer)
    run_import(sheet)
    run_import(sheet)  # the same file again keeps no second copy

    response = client.get("/api/v1/commitments/PE0008/sources/")

    assert response.status_code == 200
    records = response.json()["results"]
    assert [(r["file_name"], r["row"]) for r in records] == [("sheet.csv", 2), ("explorer.csv", 10)]
    assert records[1]["cells"]["Comm No"] == "1:H"
    assert records[0]["cells"]["Commitment Unique Identifier"] == "PE0008"
    assert len(records[0]["sha256"]) == 64
    csv_response = client.get("/api/v1/commitments/PE0008/sources/", {"format": "csv"})
    assert csv_response.status_code == 200 and b"explorer.csv" in csv_response.content
    assert client.get("/api/v1/commitments/PE9999/sources/").status_code == 404


def second_4a(rows: list[list[str]], names: list[str]) -> int:
    number = names.index("Comm No")
    return [i for i, r in enumerate(rows) if r[number].strip() == "4:A"][1]


def test_a_subset_holding_only_the_second_of_a_repeated_number_matches_the_second(files, tmp_path):
    explorer, _sheet = files
    run_import(explorer)
    before = dict(Commitment.objects.values_list("ogp_id", "title"))
    numbers, names, rows = peru_plan1_rows()
    later = rows[second_4a(rows, names)]
    subset = write_csv(tmp_path / "only-second-4a.csv", [numbers, names, later])

    printed = run_import(subset)

    assert "commitments: 0 created, 0 updated, 1 unchanged" in printed
    assert dict(Commitment.objects.values_list("ogp_id", "title")) == before
    assert Commitment.objects.get(title=later[names.index("Commitment Title")]).added_after_approval


def test_a_sheet_holding_only_the_second_4a_reconciles_the_second(client, files, current_file):
    explorer, _sheet = files
    run_import(explorer)
    _numbers, names, rows = peru_plan1_rows()
    position = second_4a(rows, names)
    first = Commitment.objects.filter(action_plan__ogp_id="AP_PER01", number="4:A").earliest(
        "source_row"
    )
    row = {
        **sheet_rows()[0],
        "Commitment Unique Identifier": "PE0048",
        "Commitment Number": "4:A",
        "Commitment Title": rows[position][names.index("Commitment Title")],
    }

    printed = run_import(current_file([row], name="second-4a.csv"))

    assert "commitments reconciled: 1" in printed and "conflict" not in printed
    assert Commitment.objects.get(ogp_id="PE0048").title == row["Commitment Title"]
    first.refresh_from_db()
    assert first.id_provisional and first.title != row["Commitment Title"]
    assert Commitment.objects.filter(action_plan__ogp_id="AP_PER01").count() == 15


def test_a_sheet_numbered_out_of_step_with_the_provisional_ids_matches_by_title(
    files, current_file
):
    # OGP's numbering is shifted against the file order (each row carries the next row's number
    # and ids run backwards): every commitment still takes the id of the row carrying its title.
    explorer, _sheet = files
    run_import(explorer)
    titles = dict(
        Commitment.objects.filter(action_plan__ogp_id="AP_PER01").values_list("title", "ogp_id")
    )
    _numbers, names, rows = peru_plan1_rows()
    title, number = names.index("Commitment Title"), names.index("Comm No")
    base = sheet_rows()[0]  # once: each call reads the whole Explorer file
    sheet = [
        {
            **base,
            "Commitment Unique Identifier": f"PE{60 - i:04d}",
            "Commitment Number": rows[(i + 1) % len(rows)][number],
            "Commitment Title": r[title],
        }
        for i, r in enumerate(rows)
    ]

    printed = run_import(current_file(sheet, name="shifted.csv"))

    assert "conflict" not in printed
    assert f"commitments reconciled: {len(rows)}" in printed
    assert "commitments: 0 created, 15 updated" in printed
    served = dict(
        Commitment.objects.filter(action_plan__ogp_id="AP_PER01").values_list("ogp_id", "title")
    )
    assert served == {f"PE{60 - i:04d}": r[title] for i, r in enumerate(rows)}
    assert set(titles) == set(served.values())
