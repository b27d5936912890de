"""The process-database import cell by cell, through the command an operator runs: small files
holding the edges (the first and last plan number, the largest day count, optional columns left
out, a plan twice) and what each makes of the plan's process data."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from commitments.models import ActionPlan, Member, PlanProcess

pytestmark = pytest.mark.django_db

REQUIRED = [
    "Country name",
    "Action Plan Number",
    "Year AP Submitted",
    "IAP2 level during development",
    "IAP2 level during imp.",
]
FULL = [
    *REQUIRED,
    "Step 1: Timeline and process: Prior availability",
    "Step 2: Advance notice",
    "Days in advance",
    "_Number of steps followed (out of 6)",
    "Invitation-only or open participation during dev. consultation",
    "Invitation-only or open participation during imp. consultation",
    "",  # an unnamed column, as the real file has
]


def write(tmp_path: Path, header: list[str], rows: list[dict[str, str]], lead=()) -> Path:
    path = tmp_path / "process.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerows(lead)
        writer.writerow(header)
        writer.writerows([row.get(name, "") for name in header] for row in rows)
    return path


def run(path: Path, *args: str) -> str:
    out = StringIO()
    with translation.override("en"):
        call_command("import_ogp_process", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def refused(path: Path) -> str:
    with pytest.raises(CommandError) as error, translation.override("en"):
        call_command("import_ogp_process", str(path), stdout=StringIO(), stderr=StringIO())
    assert PlanProcess.objects.count() == 0 and ActionPlan.objects.count() == 0
    return str(error.value)


def lines(message: str) -> list[str]:
    """The problems the command lists under "Nothing was imported:", one a line."""
    first, *problems = message.splitlines()
    assert first == "Nothing was imported:"
    return [problem.removeprefix("  ") for problem in problems]


def plan_row(**cells: str) -> dict[str, str]:
    return {
        "Country name": "Peru",
        "Action Plan Number": "1",
        "Year AP Submitted": "2012",
        "IAP2 level during development": "Consult",
        "IAP2 level during imp.": "NR",
        **cells,
    }


def test_a_file_with_only_the_required_columns_imports_with_the_rest_unknown(tmp_path):
    printed = run(write(tmp_path, REQUIRED, [plan_row()]))

    assert "1 plans read; process data created 1" in printed
    assert "new members 1, new plans 1" in printed
    process = PlanProcess.objects.get()
    assert process.irm_timeline_available is None and process.irm_regular_forum is None
    assert process.irm_days_in_advance is None and process.irm_steps_followed is None
    assert process.irm_development_participation == process.irm_implementation_participation == ""
    assert (process.irm_development_level, process.irm_implementation_level) == ("consult", "")
    assert process.irm_implementation_level_label == "NR"
    assert (process.source_file, process.source_row) == ("process.csv", 2)
    plan = process.action_plan
    assert (plan.ogp_id, plan.number, plan.status) == ("AP_PER01", 1, ActionPlan.Status.ENDED)
    member = plan.member
    assert (member.code, member.iso_alpha2, member.commitment_prefix, member.name) == (
        "PER",
        "PE",
        "PE",
        "Peru",
    )
    assert member.kind == Member.Kind.NATIONAL


def test_cells_at_their_edges_are_read(tmp_path):
    rows = [
        plan_row(
            **{
                "Action Plan Number": "1",
                "Year AP Submitted": "2100",
                "Step 1: Timeline and process: Prior availability": " Y ",
                "Step 2: Advance notice": "0",
                "Days in advance": "10000",
                "_Number of steps followed (out of 6)": "6",
                "Invitation-only or open participation during dev. consultation": "  Open  to all ",
                "Invitation-only or open participation during imp. consultation": "Unclear",
                "": "a note",
            }
        ),
        plan_row(
            **{
                "Country name": "  Peru ",
                "Action Plan Number": " 99 ",
                "Step 1: Timeline and process: Prior availability": "no",
                "Step 2: Advance notice": "1",
                "Days in advance": "0",
                "_Number of steps followed (out of 6)": "n/a",
            }
        ),
    ]
    printed = run(write(tmp_path, FULL, rows, lead=[["0", "1"], ["", "Step 1"]]))

    assert "2 plans read; process data created 2" in printed
    assert "new members 1, new plans 2" in printed
    first = PlanProcess.objects.get(action_plan__ogp_id="AP_PER01")
    assert first.irm_year_submitted == 2100
    assert (first.irm_timeline_available, first.irm_advance_notice) == (True, False)
    assert (first.irm_days_in_advance, first.irm_steps_followed) == (10_000, 6)
    assert first.irm_development_participation == "Open to all"
    assert first.irm_implementation_participation == ""
    assert first.source_row == 4  # two rows above the header
    assert "" not in first.irm_raw
    assert first.irm_raw["Days in advance"] == "10000"
    last = PlanProcess.objects.get(action_plan__ogp_id="AP_PER99")
    assert (last.irm_timeline_available, last.irm_advance_notice) == (False, True)
    assert (last.irm_days_in_advance, last.irm_steps_followed) == (0, None)


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("Action Plan Number", "0", "“0” is not a plan number from 1 to 99."),
        ("Action Plan Number", "100", "“100” is not a plan number from 1 to 99."),
        ("Action Plan Number", "two", "“two” is not a plan number from 1 to 99."),
        ("Year AP Submitted", "2101", "“2101” is not a whole number from 0 to 2100."),
        ("Days in advance", "10001", "“10001” is not a whole number from 0 to 10000."),
        ("Days in advance", "-1", "“-1” is not a whole number from 0 to 10000."),
        ("_Number of steps followed (out of 6)", "7", "“7” is not a whole number from 0 to 6."),
        ("Step 2: Advance notice", "maybe", "“maybe” is not yes or no."),
        ("IAP2 level during imp.", "Co-decide", "“Co-decide” is not a level of the IAP2 scale."),
        ("Country name", "Atlantis", "unknown country “Atlantis”"),
    ],
)
def test_a_bad_cell_names_its_row_column_and_value_and_nothing_is_written(
    tmp_path, column, value, expected
):
    # Beside a good row of plan 1 when the bad cell is the plan number: a number not read is no plan.
    first = "1" if column == "Action Plan Number" else "2"
    rows = [plan_row(**{"Action Plan Number": first}), plan_row(**{column: value})]
    message = refused(write(tmp_path, FULL, rows))

    [line] = lines(message)
    assert line.startswith(f"Row 3, column “{column}”: "), line
    assert line.endswith(expected)
    assert Member.objects.count() == 0


def test_every_bad_row_is_reported_in_one_run(tmp_path):
    rows = [
        plan_row(**{"Step 2: Advance notice": "maybe"}),
        plan_row(**{"Action Plan Number": "2", "Days in advance": "soon"}),
        plan_row(**{"Action Plan Number": "3"}),
    ]
    message = refused(write(tmp_path, FULL, rows))

    assert lines(message) == [
        "Row 2, column “Step 2: Advance notice”: “maybe” is not yes or no.",
        "Row 3, column “Days in advance”: “soon” is not a whole number from 0 to 10000.",
    ]


def test_a_plan_twice_names_the_row_that_had_it_first(tmp_path):
    rows = [plan_row(), plan_row(**{"Action Plan Number": "2"}), plan_row()]
    message = refused(write(tmp_path, FULL, rows))

    assert lines(message) == [
        "Row 4, column “Action Plan Number”: plan 1 of Peru already appears on row 2."
    ]


def test_a_file_without_the_header_or_a_required_column_is_refused_naming_it(tmp_path):
    message = refused(write(tmp_path, ["Country", *REQUIRED[1:]], [plan_row()]))
    assert lines(message) == ["No header row starting with “Country name” was found."]

    message = refused(write(tmp_path, REQUIRED[:3], [plan_row()], lead=[["x"]]))
    assert lines(message) == [
        "Row 2: missing column “IAP2 level during development”.",
        "Row 2: missing column “IAP2 level during imp.”.",
    ]

    header = [*REQUIRED, "Days in advance", "Days in advance"]
    message = refused(write(tmp_path, header, [plan_row()]))
    assert lines(message) == ["Row 1: the header names column “Days in advance” more than once."]


def test_a_changed_cell_updates_that_field_and_the_version_once(tmp_path):
    run(write(tmp_path, FULL, [plan_row(), plan_row(**{"Action Plan Number": "2"})]))
    process = PlanProcess.objects.get(action_plan__ogp_id="AP_PER01")
    history = PlanProcess.history.count()

    changed = [plan_row(**{"Days in advance": "12"}), plan_row(**{"Action Plan Number": "2"})]
    printed = run(write(tmp_path, FULL, changed))

    assert "created 0, updated 1, unchanged 1; new members 0, new plans 0" in printed
    process.refresh_from_db()
    assert (process.irm_days_in_advance, process.version) == (12, 2)
    assert PlanProcess.history.count() == history + 1

    both = [
        plan_row(**{"Days in advance": "13"}),
        plan_row(**{"Action Plan Number": "2", "Step 2: Advance notice": "yes"}),
    ]
    assert "created 0, updated 2, unchanged 0" in run(write(tmp_path, FULL, both))
    assert ActionPlan.objects.count() == 2 and Member.objects.count() == 1


def test_a_dry_run_counts_what_it_would_create_and_writes_nothing(tmp_path):
    printed = run(write(tmp_path, FULL, [plan_row()]), "--dry-run")

    assert printed.startswith("Dry run, nothing written: 1 plans read; process data created 1")
    assert "new members 1, new plans 1" in printed
    assert PlanProcess.objects.count() == 0 and Member.objects.count() == 0


def test_a_spreadsheet_export_with_a_bom_and_a_cell_over_two_lines_imports_as_written(tmp_path):
    path = tmp_path / "process.csv"
    note = "Open\r\nby invitation later"
    with path.open("w", newline="", encoding="utf-8-sig") as stream:  # Excel's "CSV UTF-8"
        writer = csv.writer(stream)
        writer.writerow(FULL)
        cells = plan_row(**{"Invitation-only or open participation during dev. consultation": note})
        writer.writerow([cells.get(name, "") for name in FULL])

    assert "1 plans read; process data created 1" in run(path)
    process = PlanProcess.objects.get()
    assert process.irm_development_participation == "Open by invitation later"
    column = "Invitation-only or open participation during dev. consultation"
    assert process.irm_raw[column] == note  # the raw cell, line break and all
    assert process.irm_raw["Country name"] == "Peru"


def test_a_quote_never_closed_is_refused_naming_the_row_it_opens_on(tmp_path):
    path = write(tmp_path, FULL, [plan_row(), plan_row(**{"Action Plan Number": "2"})])
    text = path.read_text(encoding="utf-8").splitlines()
    text[2] = '"' + text[2]  # row 3 opens a quoted cell that nothing closes
    path.write_text("\n".join(text) + "\n", encoding="utf-8")

    message = refused(path)

    assert lines(message) == [
        "Row 3: the file ends inside a quoted cell: it is cut off, or a quote is never closed"
    ]


def test_a_cut_off_row_is_refused_with_the_rows_after_it_still_checked(tmp_path):
    rows = [
        plan_row(),
        plan_row(**{"Action Plan Number": "2"}),
        plan_row(**{"Action Plan Number": "3", "Days in advance": "x"}),
    ]
    path = write(tmp_path, FULL, rows)
    text = path.read_text(encoding="utf-8").splitlines()
    text[1] = text[1] + ",,"  # empty cells past the header's last column are allowed
    text[2] = "Peru,2,2012"  # the rest of the row lost
    path.write_text("\n".join(text) + "\n", encoding="utf-8")

    assert lines(refused(path)) == [
        f"row 3: 3 cells where the header has {len(FULL)}: the file is cut off here or the row "
        "is broken (a stray quote or separator)",
        "Row 4, column “Days in advance”: “x” is not a whole number from 0 to 10000.",
    ]


def test_empty_cells_past_the_last_column_are_read_as_nothing(tmp_path):
    path = write(tmp_path, FULL, [plan_row()])
    text = path.read_text(encoding="utf-8").splitlines()
    path.write_text(f"{text[0]}\n{text[1]},,\n", encoding="utf-8")

    assert "1 plans read; process data created 1" in run(path)
    assert PlanProcess.objects.get().irm_development_level == "consult"
