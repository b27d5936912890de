"""A header retyped or re-exported by hand: the same column names in capitals or lower case, with
non-breaking or doubled spaces (a header pasted from a web page or a PDF), or with an invisible
zero-width space or byte-order mark glued to a name (two files joined). Each is still OGP's sheet
and imports as if spelled exactly; until 8 December both importers refused such a header whole, as
"unrecognised" or as having "no header row", and a header naming one column twice in two spellings
is still refused as naming it twice."""

from __future__ import annotations

import pytest

from commitments.models import ActionPlan, Commitment, PlanProcess

from ..accountability.test_process_import_cells import FULL, plan_row
from ..accountability.test_process_import_cells import run as run_process
from .conftest import explorer_rows, run_import, write_csv
from .test_worst_cells import BASE, refused

pytestmark = pytest.mark.django_db

ROW = {
    **BASE,
    "Commitment Unique Identifier": "PE0101",
    "Commitment Number": "1",
    "Year Of Submission": "2016",
    "Action Plan End Year": "2018",
    "End Date": "31/12/2018",
    "URL": "https://www.opengovpartnership.org/members/peru/commitments/PE0101/",
}

SPELLINGS = {
    "upper case": str.upper,
    "lower case": str.lower,
    "non-breaking spaces": lambda name: name.replace(" ", "\xa0"),
    "doubled spaces": lambda name: name.replace(" ", "  "),
    "a zero-width space before each name": lambda name: "\u200b" + name,
}


@pytest.mark.parametrize("respell", SPELLINGS.values(), ids=SPELLINGS.keys())
def test_a_current_sheet_header_in_another_spelling_imports_every_column(
    tmp_path, current_header, respell, client
):
    path = write_csv(
        tmp_path / "ogp.csv",
        [[respell(name) for name in current_header], [ROW.get(c, "") for c in current_header]],
    )

    printed = run_import(path)

    assert "commitments: 1 created" in printed and "warning" not in printed
    plan = ActionPlan.objects.get(ogp_id="AP_PER03")
    assert (plan.submission_year, plan.end_year) == (2016, 2018)  # optional columns read too
    served = client.get("/api/v1/commitments/PE0101/").json()
    assert served["title"] == "Portal de datos abiertos"
    assert served["end_date"] == "2018-12-31"
    assert served["irm_completion"] == "limited"
    assert Commitment.objects.get().url == ROW["URL"]


def test_a_header_starting_with_two_byte_order_marks_is_found(tmp_path, current_header):
    # A "CSV UTF-8" file read without its byte-order mark and saved again as "CSV UTF-8".
    path = tmp_path / "ogp.csv"
    write_csv(path, [current_header, [ROW.get(c, "") for c in current_header]])
    path.write_bytes(b"\xef\xbb\xbf\xef\xbb\xbf" + path.read_bytes())

    assert "commitments: 1 created" in run_import(path)
    assert Commitment.objects.get().ogp_id == "PE0101"


@pytest.mark.parametrize("respell", SPELLINGS.values(), ids=SPELLINGS.keys())
def test_an_explorer_header_in_another_spelling_imports_every_column(tmp_path, respell):
    numbers, names, rows = explorer_rows()
    peru = [r for r in rows if r[0] == "Peru"][:3]
    path = write_csv(tmp_path / "explorer.csv", [numbers, [respell(n) for n in names], *peru])

    printed = run_import(path)

    assert "commitments: 3 created" in printed
    assert ActionPlan.objects.get().submission_year == 2012  # "Year of submission", optional
    titles = set(Commitment.objects.values_list("title", flat=True))
    assert titles == {r[names.index("Commitment Title")] for r in peru}


def test_one_column_named_twice_in_two_spellings_is_refused_as_named_twice(
    tmp_path, current_header
):
    header = [*current_header, "COMMITMENT\xa0TITLE"]
    path = write_csv(
        tmp_path / "ogp.csv", [header, [*(ROW.get(c, "") for c in current_header), "x"]]
    )

    message = refused(path)

    assert "row 1, column “Commitment Title”: the header names this column 2 times" in message


@pytest.mark.parametrize("respell", SPELLINGS.values(), ids=SPELLINGS.keys())
def test_a_process_header_in_another_spelling_imports_every_column(tmp_path, respell, client):
    row = plan_row(**{"Days in advance": "14"})
    path = write_csv(
        tmp_path / "process.csv", [[respell(n) for n in FULL], [row.get(n, "") for n in FULL]]
    )

    run_process(path)

    process = PlanProcess.objects.get()
    assert process.irm_year_submitted == 2012 and process.irm_days_in_advance == 14
    served = client.get("/api/v1/plan-processes/AP_PER01/").json()
    assert served["development_level"] == "consult"
