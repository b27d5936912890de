"""Date cells of both OGP formats: stored only when they name one exact day, never guessed; what is
kept as text is said (`date_fields`, the start and end of a commitment row)."""

from __future__ import annotations

import datetime
import re

from django.utils.translation import gettext as _

from .common import RowNotes, is_missing

# Dates outside these years are spreadsheet artefacts (1905 is a number read as a date).
EARLIEST_DATE, LATEST_YEAR = 2011, 2100
_NUMERIC_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
# An ISO date, also as a spreadsheet saves a date cell: with its midnight (`2014-12-31 00:00:00`).
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00(?::00(?:\.0+)?)?)?")
# A date cell exported as the spreadsheet's day count (41999 is 31 December 2014 in Excel, a day
# later in others): never turned into a date.
_DAY_NUMBER = re.compile(r"\d{5}(?:\.\d+)?")


def _day_first(raw: str) -> bool:
    match = _NUMERIC_DATE.fullmatch(" ".join(raw.split()))
    return bool(match and int(match.group(1)) > 12)


def parse_date(raw: str, *, day_first: bool = False) -> tuple[datetime.date | None, str]:
    """(date, text kept when it is not one exact date).

    `04/01/2012` is month/day (the OGP sheets are US-formatted) unless the first number is over 12
    (`31/12/2014` is day/month) or `day_first` says the row writes day/month; `2014-12-31` also
    with its midnight (`2014-12-31 00:00:00`). A spreadsheet's day number (`41999`), a bare year, a
    month and year (`July 2014`), `Ongoing`, `Not Specified`, `NR` and anything else that is
    not one exact day stay null, with the text kept.
    """
    text = " ".join(raw.split())
    if is_missing(text):
        return None, text
    if match := _NUMERIC_DATE.fullmatch(text):
        first, second, year = (int(g) for g in match.groups())
        month, day = (second, first) if first > 12 or day_first else (first, second)
    elif match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        return None, text
    try:
        return datetime.date(year, month, day), ""
    except ValueError:
        return None, text


# OGP's own words for a date it does not know to the day (`Ongoing`, `Not Specified`, `2014`,
# `July 2014`): kept as text, as the sheet means them, without a warning.
_COARSE_DATE = re.compile(r"(?:[^\W\d_]+\.? )?\d{4}|\D*")


def _text_only_warning(text: str) -> str | None:
    if _COARSE_DATE.fullmatch(text):
        return None
    if _DAY_NUMBER.fullmatch(text):
        return _(
            "an Excel day number, not a date: kept as written text only, the date left empty "
            "(format the column as dates before exporting)"
        )
    return _("not one exact day: kept as written text only, the date left empty")


# A commitment dated this many calendar years after its plan's last year is a typing slip (2061 for
# 2016), not an extension: plans end mid-year and commitments run on a year at most.
YEARS_PAST_PLAN_END = 2


def date_fields(
    raw_start: str, raw_end: str, notes: RowNotes, *, plan_end_year: int | None = None
) -> dict[str, object]:
    """Start and end as stored; a start after the end keeps both as written text only, and so does
    a date before OGP began or years past the plan's end (when the row gives that year).

    A row that writes one of its dates day/month (`31/12/2016`) is read day/month for both, so
    `01/07/2014` beside it is 1 July, not 7 January."""
    day_first = _day_first(raw_start) or _day_first(raw_end)
    start, start_text = parse_date(raw_start, day_first=day_first)
    end, end_text = parse_date(raw_end, day_first=day_first)
    for column, text in (("Start Date", start_text), ("End Date", end_text)):
        # Nothing is dropped silently: a cell that reads like a day in a form not read is kept,
        # and said so; a year, a month or a word is kept as the sheet means it.
        if text and not is_missing(text) and (warning := _text_only_warning(text)):
            notes.warn(column, warning)
    if start and end and start > end:
        start, start_text = None, " ".join(raw_start.split())
        end, end_text = None, " ".join(raw_end.split())
        notes.warn("End Date", _("start date after end date: both kept as text only"))
    for column, value in (("Start Date", start), ("End Date", end)):
        if value and not (EARLIEST_DATE <= value.year <= LATEST_YEAR):
            notes.warn(
                column,
                _("implausible date %(date)s (OGP began in 2011): kept as written text only")
                % {"date": value.isoformat()},
            )
    latest = LATEST_YEAR
    if plan_end_year is not None:
        latest = plan_end_year + YEARS_PAST_PLAN_END - 1
        for column, value in (("Start Date", start), ("End Date", end)):
            if value and latest < value.year <= LATEST_YEAR:
                notes.warn(
                    column,
                    _(
                        "date %(date)s is %(years)d years past the plan's end (%(end)d): kept "
                        "as written text only"
                    )
                    % {
                        "date": value.isoformat(),
                        "years": value.year - plan_end_year,
                        "end": plan_end_year,
                    },
                )
    if start and not (EARLIEST_DATE <= start.year <= latest):
        start, start_text = None, " ".join(raw_start.split())
    if end and not (EARLIEST_DATE <= end.year <= latest):
        end, end_text = None, " ".join(raw_end.split())
    return {
        "start_date": start,
        "start_date_text": start_text,
        "end_date": end,
        "end_date_text": end_text,
    }
