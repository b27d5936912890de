"""Dates as spreadsheets export them. `2014-12-31 00:00:00` (a date cell saved with its midnight)
is the date; an Excel day number (`41999`) is never guessed; and every date cell kept as text
only because it writes a day in a form not read is warned about with its row and column, so no
day is dropped silently. The no-value markers (NR, ND, N/A, empty) and OGP's coarse dates (a year,
a month, "Ongoing", "Not Specified") are kept as written without a warning."""

from __future__ import annotations

import datetime

import pytest

from commitments.models import Commitment

from .conftest import run_import

pytestmark = pytest.mark.django_db

SERIAL = (
    "an Excel day number, not a date: kept as written text only, the date left empty (format "
    "the column as dates before exporting)"
)
TEXT_ONLY = "not one exact day: kept as written text only, the date left empty"


def row(n: int, start: str, end: str) -> dict[str, str]:
    return {
        "Commitment Unique Identifier": f"PE{n:04d}",
        "Country/Locality": "Peru",
        "Code": "PER",
        "National Or Local": "National",
        "Action Plan Number": "2",
        "Commitment Number": str(n),
        "Commitment Title": f"Compromiso {n}",
        "Start Date": start,
        "End Date": end,
        "Action Plan End Year": "2016",
    }


def dates(ogp_id: str) -> tuple:
    c = Commitment.objects.get(ogp_id=ogp_id)
    return c.start_date, c.start_date_text, c.end_date, c.end_date_text


def test_an_iso_timestamp_at_midnight_is_read_as_its_date(current_file):
    printed = run_import(current_file([row(1, "2014-07-01 00:00:00", "2016-06-30T00:00:00")]))

    assert dates("PE0001") == (datetime.date(2014, 7, 1), "", datetime.date(2016, 6, 30), "")
    assert "warning" not in printed


def test_an_excel_day_number_is_kept_as_text_and_warned_naming_row_and_column(current_file):
    printed = run_import(current_file([row(1, "01/07/2014", "41999"), row(2, "41456.0", "")]))

    assert dates("PE0001") == (datetime.date(2014, 1, 7), "", None, "41999")
    assert dates("PE0002") == (None, "41456.0", None, "")
    assert f"warning: column “End Date”: {SERIAL} (1 row: 2 (PE0001))" in printed
    assert f"warning: column “Start Date”: {SERIAL} (1 row: 3 (PE0002))" in printed


@pytest.mark.parametrize(
    "written", ["2014-12-31 13:45:00", "31.12.2014", "Dec 31, 2014", "12/31/14", "31-12-2014"]
)
def test_a_day_written_in_a_form_not_read_is_kept_as_text_and_warned(current_file, written):
    printed = run_import(current_file([row(1, "01/07/2014", written)]))

    assert dates("PE0001")[2:] == (None, written)
    assert f"warning: column “End Date”: {TEXT_ONLY} (1 row: 2 (PE0001))" in printed


@pytest.mark.parametrize(
    "written", ["2014", "July 2014", "Julio 2014", "Ongoing", "Not Specified", "Unclear"]
)
def test_a_year_a_month_or_ogps_words_are_kept_as_text_without_a_warning(current_file, written):
    printed = run_import(current_file([row(1, "01/07/2014", written)]))

    assert dates("PE0001")[2:] == (None, written)
    assert "End Date" not in printed


@pytest.mark.parametrize("written", ["", "NR", "N/A", "nd"])
def test_a_cell_saying_no_value_is_not_warned_about(current_file, written):
    printed = run_import(current_file([row(1, written, "06/30/2016")]))

    assert dates("PE0001")[0] is None
    assert "Start Date" not in printed


def test_the_warnings_are_in_spanish_for_a_spanish_operator(current_file):
    printed = run_import(current_file([row(1, "41456", "31.12.2016")]), language="es")

    assert (
        "advertencia: columna “Start Date”: un número de día de Excel, no una fecha: se conserva "
        "solo como texto escrito y la fecha queda vacía (dé formato de fecha a la columna antes "
        "de exportar) (1 fila: 2 (PE0001))"
    ) in printed
    assert (
        "advertencia: columna “End Date”: no es un día exacto: se conserva solo como texto "
        "escrito y la fecha queda vacía (1 fila: 2 (PE0001))"
    ) in printed
