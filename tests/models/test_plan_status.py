"""A plan's status comes from its dates and today, by one rule (ActionPlan.status_on)."""

from __future__ import annotations

import datetime

import pytest

from commitments.models import ActionPlan

S = ActionPlan.Status
TODAY = datetime.date(2026, 12, 4)


@pytest.mark.parametrize(
    ("stored", "start", "end", "end_year", "expected"),
    [
        (S.IMPLEMENTATION, datetime.date(2012, 4, 10), datetime.date(2014, 12, 31), None, S.ENDED),
        (S.IMPLEMENTATION, None, None, 2019, S.ENDED),  # only the end year known
        (S.IMPLEMENTATION, datetime.date(2027, 1, 1), None, None, S.DEVELOPMENT),
        (
            S.IMPLEMENTATION,
            datetime.date(2025, 1, 1),
            datetime.date(2027, 6, 30),
            None,
            S.IMPLEMENTATION,
        ),
        (
            S.ENDED,
            datetime.date(2025, 1, 1),
            datetime.date(2027, 6, 30),
            None,
            S.ENDED,
        ),  # closed early
        (S.WITHDRAWN, datetime.date(2012, 1, 1), datetime.date(2014, 1, 1), None, S.WITHDRAWN),
        (S.IMPLEMENTATION, None, None, 2026, S.IMPLEMENTATION),  # ends on 31 December
    ],
)
def test_status_follows_the_dates_and_today(stored, start, end, end_year, expected):
    status = ActionPlan.status_on(
        stored, start=start, end=end, end_year=end_year, submission_year=None, today=TODAY
    )
    assert status == expected
