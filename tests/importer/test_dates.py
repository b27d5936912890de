"""How the importers read the free-text dates of OGP's sheets: exact days only, never guessed."""

import datetime

from reviews.importers.common import RowNotes
from reviews.importers.dates import date_fields


def test_us_month_day_is_the_default():
    fields = date_fields("04/01/2012", "06/30/2014", RowNotes())
    assert fields["start_date"] == datetime.date(2012, 4, 1)
    assert fields["end_date"] == datetime.date(2014, 6, 30)


def test_a_row_writing_day_month_is_read_day_month_for_both_dates():
    fields = date_fields("01/07/2014", "31/12/2016", RowNotes())
    assert fields["start_date"] == datetime.date(2014, 7, 1)
    assert fields["end_date"] == datetime.date(2016, 12, 31)


def test_text_that_is_not_one_exact_day_is_kept_as_written():
    fields = date_fields("July 2014", "Not Specified", RowNotes())
    assert fields["start_date"] is None
    assert fields["start_date_text"] == "July 2014"
    assert fields["end_date"] is None
    assert fields["end_date_text"] == "Not Specified"


def test_start_after_end_keeps_both_as_text_and_warns():
    notes = RowNotes()
    fields = date_fields("12/01/2015", "01/01/2014", notes)
    assert fields["start_date"] is None and fields["end_date"] is None
    assert fields["start_date_text"] == "12/01/2015"
    assert [column for column, _message in notes.items] == ["End Date"]


def test_a_spreadsheet_artefact_year_is_kept_as_text_and_warned_about():
    notes = RowNotes()
    fields = date_fields("1/5/1905", "12/31/2016", notes)
    assert (fields["start_date"], fields["start_date_text"]) == (None, "1/5/1905")
    assert fields["end_date"] == datetime.date(2016, 12, 31)
    assert notes.items and "1905" in notes.items[0][1]
