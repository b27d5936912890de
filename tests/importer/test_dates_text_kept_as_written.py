"""A date cell that is not stored as a date keeps the sheet's own text, spaced once, whatever the
reason (start after end, years past the plan's end), also when the cell is a spreadsheet timestamp
with its midnight; a first number of 13 or more is the day (`13/01/2014` is 13 January). Written
from the survivors of a mutation run over `reviews/importers/dates.py`."""

from __future__ import annotations

import datetime

import pytest

from commitments.models import Commitment

from .conftest import run_import
from .test_dates_kept_as_text_are_warned import dates, row

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("13/01/2014", "30/06/2016", (datetime.date(2014, 1, 13), datetime.date(2016, 6, 30))),
        ("12/01/2014", "06/30/2016", (datetime.date(2014, 12, 1), datetime.date(2016, 6, 30))),
    ],
)
def test_a_first_number_over_twelve_is_the_day(current_file, start, end, expected):
    run_import(current_file([row(1, start, end)]))

    found = Commitment.objects.get(ogp_id="PE0001")
    assert (found.start_date, found.end_date) == expected


def test_a_start_after_its_end_keeps_both_timestamps_as_written(current_file):
    printed = run_import(current_file([row(1, "2016-12-31  00:00:00", " 2014-01-01 00:00:00 ")]))

    assert dates("PE0001") == (None, "2016-12-31 00:00:00", None, "2014-01-01 00:00:00")
    assert "start date after end date: both kept as text only" in printed


def test_years_past_the_plans_end_keep_the_timestamp_as_written(current_file):
    printed = run_import(current_file([row(1, "2061-01-01  00:00:00", "2099-06-30\t00:00:00")]))

    assert dates("PE0001") == (None, "2061-01-01 00:00:00", None, "2099-06-30 00:00:00")
    assert "years past the plan's end (2016)" in printed
