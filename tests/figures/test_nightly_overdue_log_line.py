"""The nightly overdue task's one log line: what an operator reads to know it ran and what it did."""

from __future__ import annotations

import datetime
import logging

import pytest

from commitments import tasks
from tests.factories import MilestoneFactory

pytestmark = pytest.mark.django_db


def test_the_nightly_run_logs_its_day_and_its_counts(caplog):
    MilestoneFactory(due_date=datetime.date(2026, 1, 1))
    MilestoneFactory(due_date=datetime.date(2026, 1, 2))
    MilestoneFactory(due_date=datetime.date(2026, 1, 1), status="met", is_overdue=True)

    with caplog.at_level(logging.INFO, logger="commitments.overdue"):
        result = tasks.mark_overdue(day="2026-02-01")

    lines = [r.getMessage() for r in caplog.records if r.name == "commitments.overdue"]
    assert lines == [
        "Overdue on 2026-02-01: 2 milestones marked, 1 cleared; "
        f"{result['ended_without_final_status']} commitments ended without a status"
    ]
