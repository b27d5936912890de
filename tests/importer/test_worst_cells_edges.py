"""More of the worst cells, at the exact edges mutation testing showed unguarded (see
bench/MUTATION-LOG.md, "Importers"): the refusal's last lines, a cell cut where no word ends, dates
on the boundary years, and the Explorer's own contact columns beside the contacts found in
institution cells."""

from __future__ import annotations

import datetime

import pytest

from commitments.models import Commitment

from .conftest import run_import
from .test_worst_cells import refused, rows

pytestmark = pytest.mark.django_db


def test_the_refusal_ends_with_the_fiftieth_problem_and_the_count_of_the_rest(current_file):
    message = refused(current_file(rows(*({"Action Plan Number": "x"} for _ in range(53)))))

    assert message.endswith(
        "\n  row 51, PE0050, column “Action Plan Number”: expected a whole number, found “x”"
        "\n  ... and 3 more problems. Nothing was imported."
    )


def test_a_row_wider_than_the_header_is_refused_with_the_whole_reason(tmp_path, current_header):
    from .conftest import write_csv

    cells = [rows({})[0].get(column, "") for column in current_header]
    message = refused(write_csv(tmp_path / "wide.csv", [current_header, [*cells, "stray"]]))

    assert (
        "row 2, PE0001: 172 cells where the header has 171: the file is cut off here or the row "
        "is broken (a stray quote or separator). Nothing was imported."
    ) in message


def test_a_cell_with_no_word_end_in_its_second_half_is_cut_at_the_limit(current_file):
    theme = "a" * 120 + " " + "b" * 300

    run_import(current_file(rows({"Theme": theme})))

    assert Commitment.objects.get().theme == theme[:299] + "…"


def test_a_cell_cut_at_a_word_drops_the_trailing_punctuation_only(current_file):
    theme = "Reforma TAX; " * 40

    run_import(current_file(rows({"Theme": theme.strip()})))

    stored = Commitment.objects.get().theme
    assert stored.endswith(" Reforma TAX…") and len(stored) <= 300


def test_a_number_with_words_is_quoted_as_written(current_file):
    printed = run_import(
        current_file(rows({"Report Publication Year (Progress Report)": "2018  (draft)"}))
    )

    assert "expected a whole number, found “2018 (draft)”: read as unknown" in printed


def test_dates_on_the_boundary_years_and_a_start_after_its_end(current_file):
    path = current_file(
        rows(
            {"Start Date": "01/01/2011", "End Date": "12/31/2011"},
            {"Start Date": "01/01/2100", "End Date": "12/31/2100"},
            {"Start Date": "12/31/2016", "End Date": "01/01/2015"},
            {"Start Date": "13/01/2015", "End Date": "02/03/2015"},
            {"Start Date": "31/01/2015", "End Date": "01/07/2016"},
            {"Action Plan End Year": "2016", "Start Date": "2017-01-01", "End Date": "12/31/2100"},
        )
    )

    printed = run_import(path)

    def dates(ogp_id):
        c = Commitment.objects.get(ogp_id=ogp_id)
        return c.start_date, c.start_date_text, c.end_date, c.end_date_text

    assert dates("PE0001") == (datetime.date(2011, 1, 1), "", datetime.date(2011, 12, 31), "")
    assert dates("PE0002") == (datetime.date(2100, 1, 1), "", datetime.date(2100, 12, 31), "")
    assert "implausible date" not in printed
    plain = Commitment.objects.get(ogp_id="PE0001")
    assert (plain.contact_name, plain.contact_email, plain.contact_phone) == ("", "", "")
    assert dates("PE0003") == (None, "12/31/2016", None, "01/01/2015")
    assert (
        "column “End Date”: start date after end date: both kept as text only (1 row: 4 (PE0003))"
    ) in printed
    # A row that writes one date day/month (13/01) writes both so: 02/03 is 2 March.
    assert dates("PE0004")[2] == datetime.date(2015, 3, 2)
    assert dates("PE0005")[2] == datetime.date(2016, 7, 1)
    assert dates("PE0006") == (datetime.date(2017, 1, 1), "", None, "12/31/2100")
    assert "column “End Date”: date 2100-12-31 is 84 years past the plan's end (2016)" in printed
    assert "2017-01-01 is" not in printed


def test_the_explorers_contact_columns_come_first_and_are_not_repeated(explorer_file):
    lead = "Ministerio de Justicia; Juan Pérez, jperez@mef.gob.pe, Tel. 01 219 7000"
    path = explorer_file(
        country="Peru",
        limit=1,
        edits={
            0: {
                "Lead Institution": lead,
                "Contact Name": " María López ",
                "Contact Email": "jperez@mef.gob.pe",
                "Contact Telephone": "N/A",
            }
        },
    )

    run_import(path)

    commitment = Commitment.objects.get()
    assert commitment.contact_name == "María López; Juan Pérez"
    assert commitment.contact_email == "jperez@mef.gob.pe"
    assert commitment.contact_phone == "01 219 7000"
