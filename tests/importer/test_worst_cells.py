"""The cells of real OGP sheets at their worst, imported as an operator would (`import_ogp_irm`):
every spelling of yes and no, numbers a spreadsheet wrote as `2014.0`, dates at the edges of what
is believable, line wraps, over-long cells, rows wider or narrower than the header, and files that
are not UTF-8 or end inside a quote. Each ends in the values stored, or in a refusal naming row and
column with nothing written."""

from __future__ import annotations

import codecs
import datetime

import pytest
from django.core.management.base import CommandError

from commitments.models import ActionPlan, Commitment, Member
from reviews.models import Assessment

from .conftest import run_import, write_csv

pytestmark = pytest.mark.django_db

BASE = {
    "Country/Locality": "Peru",
    "Code": "PER",
    "National Or Local": "National",
    "Action Plan Number": "3",
    "Commitment Title": "Portal de datos abiertos",
    "Specificity": "Medium",
    "Potential Impact": "Minor",
    "Completion (Progress Report)": "Limited",
}


def rows(*cells: dict[str, str]) -> list[dict[str, str]]:
    """One Peruvian row per dict, numbered PE0001, PE0002, ... (spreadsheet rows 2, 3, ...)."""
    return [
        {**BASE, "Commitment Unique Identifier": f"PE{n:04d}", "Commitment Number": str(n), **c}
        for n, c in enumerate(cells, start=1)
    ]


def refused(path) -> str:
    with pytest.raises(CommandError) as error:
        run_import(path)
    assert Commitment.objects.count() == 0 and Member.objects.count() == 0
    assert ActionPlan.objects.count() == 0
    message = str(error.value)
    assert "Nothing was imported" in message
    return message


def warning(printed: str, text: str) -> str:
    return next(line for line in printed.splitlines() if text in line)


# --- Refusals ------------------------------------------------------------------------------------


def test_fifty_problems_are_named_and_the_rest_counted(current_file):
    message = refused(current_file(rows(*({"Action Plan Number": "x"} for _ in range(53)))))

    assert message.count("\n") >= 51
    assert "53 problem(s) make the file unreadable:\n  row 2, PE0001, column “Action" in message
    assert "row 2, PE0001, column “Action Plan Number”: expected a whole number, found “x”" in (
        message
    )
    assert "row 51, PE0050," in message and "row 52," not in message
    assert "... and 3 more problems" in message


def test_exactly_fifty_problems_are_all_named_with_nothing_more(current_file):
    message = refused(current_file(rows(*({"Action Plan Number": "x"} for _ in range(50)))))

    assert "50 problem(s)" in message and "row 51, PE0050," in message
    assert "more problems" not in message


def test_a_required_number_marked_not_reported_is_refused(current_file):
    message = refused(current_file(rows({"Action Plan Number": "ND"})))

    assert "row 2, PE0001, column “Action Plan Number”: expected a whole number, found “ND”" in (
        message
    )


@pytest.mark.parametrize(
    ("extra", "imported"),
    [(["", "  "], True), (["", "stray"], False), (["stray", ""], False)],
    ids=["blank", "last-filled", "first-filled"],
)
def test_cells_past_the_header_may_only_be_blank(tmp_path, current_header, extra, imported):
    row = {**rows({})[0]}
    cells = [row.get(column, "") for column in current_header]
    path = write_csv(tmp_path / "wide.csv", [current_header, cells + extra])

    if imported:
        assert "commitments: 1 created" in run_import(path)
    else:
        message = refused(path)
        assert "row 2, PE0001: 173 cells where the header has 171: the file is cut off" in message


def test_a_row_one_cell_short_of_the_header_is_refused(tmp_path, current_header):
    first, second = ([row.get(column, "") for column in current_header] for row in rows({}, {}))
    path = write_csv(tmp_path / "short.csv", [current_header, first, second[:-1]])

    assert "row 3, PE0002: 170 cells where the header has 171" in refused(path)


def test_a_nul_byte_is_refused_with_its_row(tmp_path, current_header):
    cells = [rows({"Theme": "Transparencia\x00"})[0].get(c, "") for c in current_header]
    path = write_csv(tmp_path / "nul.csv", [current_header, cells])

    assert "row 2, PE0001: the row holds a NUL byte" in refused(path)


@pytest.mark.parametrize(
    ("tail", "expected"),
    [
        ('"Portal, cut', "row 3: the file ends inside a quoted cell: it is cut off"),
        ('"Portal" de datos', "row 3: a stray or unclosed quote: "),
    ],
    ids=["cut-inside-quote", "stray-quote"],
)
def test_a_broken_quote_is_refused_with_its_row(current_file, tail, expected):
    path = current_file(rows({}))
    path.write_text(path.read_text(encoding="utf-8") + tail, encoding="utf-8")

    assert expected in refused(path)


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
    ids=["little-endian", "big-endian"],
)
def test_a_utf16_file_is_refused_with_what_to_do(current_file, bom, encoding):
    path = current_file(rows({}))
    path.write_bytes(bom + path.read_text(encoding="utf-8").encode(encoding))

    assert "row 1: the file is UTF-16 text; save it as “CSV UTF-8”" in refused(path)


# --- Values --------------------------------------------------------------------------------------


def test_every_spelling_of_yes_no_and_unknown_in_a_flag(current_file):
    spellings = ["Yes", "y", "TRUE", "1.0", " 1 ", "No", "N", "false", "0.0", "N/A", "nr", "2"]
    path = current_file(rows(*({"OGP Value Access To Information": s} for s in spellings)))

    printed = run_import(path)

    read = [
        Assessment.objects.get(commitment__ogp_id=f"PE{n:04d}").relevant_access_to_information
        for n in range(1, len(spellings) + 1)
    ]
    assert read == [True] * 5 + [False] * 4 + [None] * 3
    line = warning(printed, "expected 0 or 1")
    assert "column “OGP Value Access To Information”: expected 0 or 1, found “2”: read as" in line
    assert "(1 row: 13 (PE0012))" in line


def test_scale_labels_wrapped_lettered_or_unknown(current_file):
    path = current_file(
        rows(
            {"Completion (Progress Report)": "c.  Substantial"},
            {"Completion (Progress Report)": "Not\nStarted"},
            {"Completion (Progress Report)": "f. Complete"},
            {"Completion (Progress Report)": "  Complete  "},
        )
    )

    printed = run_import(path)

    stored = list(
        Assessment.objects.order_by("commitment__ogp_id").values_list(
            "completion", "completion_label"
        )
    )
    assert stored == [
        ("substantial", "c. Substantial"),
        ("not_started", "Not Started"),
        ("", "f. Complete"),
        ("complete", "Complete"),
    ]
    assert (
        "column “Completion (Progress Report)”: unknown label “f. Complete” kept as written, not "
        "rated (known: complete, limited, no evidence available, not started, substantial, "
        "unclear, withdrawn) (1 row: 4 (PE0003))"
    ) in printed


def test_years_written_as_spreadsheet_numbers(current_file):
    path = current_file(
        rows(
            {"Action Plan Number": "3.0", "Report Publication Year (Progress Report)": "2018.00"},
            {"Action Plan Number": " 3 ", "Report Publication Year (Progress Report)": "2018.5"},
            {"Report Publication Year (Progress Report)": "20180"},
        )
    )

    printed = run_import(path)

    assert ActionPlan.objects.get().number == 3
    years = list(
        Assessment.objects.order_by("commitment__ogp_id").values_list(
            "commitment__ogp_id", "report__publication_year"
        )
    )
    assert ("PE0001", 2018) in years
    assert "expected a whole number, found “2018.5”: read as unknown (1 row: 3 (PE0002))" in (
        printed
    )
    assert "expected a whole number, found “20180”: read as unknown (1 row: 4 (PE0003))" in (
        printed
    )


def test_dates_at_the_edges_of_what_is_believable(current_file):
    path = current_file(
        rows(
            {"Start Date": "01/01/2011", "End Date": "12/31/2100"},
            {"Start Date": "12/31/2010", "End Date": "01/01/2101"},
            {"Start Date": "06/30/2015", "End Date": "06/30/2015"},
            {"Start Date": "12/01/2015", "End Date": "06/30/2016"},
            {"Start Date": "02/30/2015", "End Date": "2015-02-30"},
        )
    )

    printed = run_import(path)

    def dates(ogp_id):
        c = Commitment.objects.get(ogp_id=ogp_id)
        return c.start_date, c.start_date_text, c.end_date, c.end_date_text

    assert dates("PE0001") == (datetime.date(2011, 1, 1), "", datetime.date(2100, 12, 31), "")
    assert dates("PE0002") == (None, "12/31/2010", None, "01/01/2101")
    assert "column “Start Date”: implausible date 2010-12-31 (OGP began in 2011)" in printed
    assert "column “End Date”: implausible date 2101-01-01 (OGP began in 2011)" in printed
    # One day is a commitment that starts and ends the same day, not a start after its end.
    assert dates("PE0003") == (datetime.date(2015, 6, 30), "", datetime.date(2015, 6, 30), "")
    assert "start date after end date" not in printed
    # 12 is a month: month/day.
    assert dates("PE0004")[0] == datetime.date(2015, 12, 1)
    assert dates("PE0005") == (None, "02/30/2015", None, "2015-02-30")


def test_a_date_a_year_past_the_plans_end_is_kept_and_two_years_past_is_not(current_file):
    path = current_file(
        rows(
            {"Action Plan End Year": "2016", "Start Date": "2017-01-01", "End Date": "12/31/2017"},
            {"Action Plan End Year": "2016", "Start Date": "01/01/2018", "End Date": "2018-12-31"},
        )
    )

    printed = run_import(path)

    kept = Commitment.objects.get(ogp_id="PE0001")
    assert (kept.start_date, kept.end_date) == (
        datetime.date(2017, 1, 1),
        datetime.date(2017, 12, 31),
    )
    slipped = Commitment.objects.get(ogp_id="PE0002")
    assert (slipped.start_date, slipped.start_date_text) == (None, "01/01/2018")
    assert (slipped.end_date, slipped.end_date_text) == (None, "2018-12-31")
    assert (
        "column “Start Date”: date 2018-01-01 is 2 years past the plan's end (2016): kept as "
        "written text only (1 row: 3 (PE0002))"
    ) in printed
    assert "column “End Date”: date 2018-12-31 is 2 years past" in printed


def test_line_wraps_and_missing_markers_in_text_cells(current_file):
    path = current_file(
        rows(
            {
                "Full Text": "Primera<br/>segunda<BR />tercera<br>cuarta",
                "Theme": "N/A",
                "Cluster": "nd",
            }
        )
    )

    run_import(path)

    commitment = Commitment.objects.get()
    assert commitment.full_text == "Primera segunda tercera cuarta"
    assert (commitment.theme, commitment.cluster) == ("", "")


def test_an_over_long_cell_is_shortened_at_a_word_with_a_warning(current_file):
    theme = "Transparencia y acceso a la información pública, " * 8  # 400 characters

    printed = run_import(current_file(rows({"Theme": theme.strip()})))

    stored = Commitment.objects.get().theme
    assert len(stored) <= 300 and stored.endswith("pública…")
    assert theme.startswith(stored[:-1])
    assert "theme longer than 300 characters, shortened (1 row: 2 (PE0001))" in printed


def test_a_file_that_cannot_be_opened_is_named_with_why(tmp_path):
    path = tmp_path / "gone.csv"

    assert refused(path) == (
        f"{path}: cannot read the file: No such file or directory. Nothing was imported."
    )
