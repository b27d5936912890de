"""A history rebuild (`manage.py recompute_snapshots --since`) writes a day only when some group's
figures changed: a status update that repeats the level already reported changes nothing, so the
snapshot runs an administrator reads in the admin list no day for it."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CommitmentFactory, StatusUpdateFactory

pytestmark = pytest.mark.django_db

RUNS = "/admin/commitments/snapshotrun/"
START = datetime.date(2012, 1, 1)  # every factory plan starts that day
REPORTED = datetime.date(2012, 6, 1)
REPEATED = datetime.date(2012, 9, 1)
CHANGED = datetime.date(2012, 11, 1)


def rebuild(until: datetime.date = datetime.date(2012, 12, 31)) -> str:
    out = io.StringIO()
    call_command(
        "recompute_snapshots", "--since", START.isoformat(), "--until", str(until), stdout=out
    )
    return out.getvalue()


def listed_days(admin_client) -> list[datetime.date]:
    response = admin_client.get(RUNS)
    assert response.status_code == 200
    return sorted(run.day for run in response.context["cl"].result_list)


def test_an_update_repeating_the_reported_level_adds_no_day_to_the_history(admin_client):
    commitment = CommitmentFactory()
    StatusUpdateFactory(commitment=commitment, completion="limited", as_of=REPORTED)
    StatusUpdateFactory(commitment=commitment, completion="limited", as_of=REPEATED)
    StatusUpdateFactory(commitment=commitment, completion="complete", as_of=CHANGED)

    rebuild()

    assert listed_days(admin_client) == [START, REPORTED, CHANGED]


def test_the_snapshot_runs_list_reads_the_same_number_of_queries_for_more_days(admin_client):
    commitment = CommitmentFactory()
    StatusUpdateFactory(commitment=commitment, completion="limited", as_of=REPORTED)
    rebuild()

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            listed_days(admin_client)
        return len(ctx.captured_queries)

    few = queries()
    for n, level in enumerate(["substantial", "complete", "limited", "not_started"]):
        StatusUpdateFactory(
            commitment=commitment, completion=level, as_of=CHANGED + datetime.timedelta(days=n)
        )
    rebuild()
    assert len(listed_days(admin_client)) == 6
    assert queries() == few
