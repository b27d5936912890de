"""With ?as_of= (or ?irm_report=), a filter on a level keeps the commitments at that level on that
day, on that basis, as the rows, the figures and the downloads then show them. Until 8 December it
kept today's: `?irm_completion=complete&as_of=<before the IRM's report>` listed commitments whose
rows said "no data", and the figures of the group counted them as not rated."""

from __future__ import annotations

import csv
import datetime
import io

import pytest

from commitments.models import Commitment
from reviews.models import IRMReport
from tests.factories import AssessmentFactory, IRMReportFactory, StatusUpdateFactory

pytestmark = [pytest.mark.django_db, pytest.mark.world("peru")]

PLAN = "/api/v1/commitments/?action_plan=AP_PER01"
BEFORE_THE_REPORT = "2014-02-28"  # the world's IRM report is published on 1 March 2014


@pytest.fixture
def reported(world):
    """PE0002 (IRM: complete) reported by civil society as limited on 2013-06-01, then complete on
    2014-06-01; an end-of-term report rates PE0003 substantial on 2015-06-01, starred."""
    second, third = (Commitment.objects.get(ogp_id=i) for i in ("PE0002", "PE0003"))
    for completion, day in (("limited", (2013, 6, 1)), ("complete", (2014, 6, 1))):
        StatusUpdateFactory(commitment=second, completion=completion, as_of=datetime.date(*day))
    second.self_reported_completion, second.self_reported_as_of = (
        "complete",
        datetime.date(2014, 6, 1),
    )
    second.save()
    later = IRMReportFactory(
        action_plan=world.plan,
        kind=IRMReport.Kind.END_OF_TERM,
        published_on=datetime.date(2015, 6, 1),
    )
    AssessmentFactory(report=later, commitment=third, completion="substantial", starred=True)
    return world


def ids(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return [row["ogp_id"] for row in response.json()["results"]]


def test_irm_completion_as_of_a_day_before_the_report_keeps_none(client, reported):
    assert len(ids(client, f"{PLAN}&irm_completion=complete")) == 2
    assert ids(client, f"{PLAN}&irm_completion=complete&as_of={BEFORE_THE_REPORT}") == []
    unrated = ids(client, f"{PLAN}&irm_completion=no_data&as_of={BEFORE_THE_REPORT}&page_size=100")
    assert len(unrated) == 48


def test_each_row_kept_says_the_level_it_was_kept_for(client, reported):
    rows = client.get(f"{PLAN}&civil_society_completion=limited&as_of=2014-01-01").json()
    assert [(r["ogp_id"], r["civil_society"]["completion"]) for r in rows["results"]] == [
        ("PE0002", "limited")
    ]
    assert ids(client, f"{PLAN}&civil_society_completion=limited&as_of=2014-07-01") == []


def test_starred_and_completion_on_the_end_of_term_basis(client, reported):
    end_of_term = f"{PLAN}&irm_report=end_of_term"
    assert ids(client, f"{end_of_term}&irm_completion=substantial") == ["PE0003"]
    assert ids(client, f"{end_of_term}&starred=true") == ["PE0003"]
    assert ids(client, f"{end_of_term}&starred=true&as_of=2015-05-31") == []


def test_tracks_disagree_as_of_a_day(client, reported):
    # 2014-03-01: the IRM says complete (PE0001-PE0002), civil society limited for PE0002.
    assert ids(client, f"{PLAN}&tracks_disagree=true&as_of=2014-03-01") == ["PE0002"]
    assert ids(client, f"{PLAN}&tracks_disagree=true&as_of=2014-02-28") == []


def test_the_figures_of_a_filtered_group_as_of_a_day(client, reported):
    url = "/api/v1/stats/completion/?group_by=action_plan&action_plan=AP_PER01"
    before = client.get(f"{url}&irm_completion=complete&as_of={BEFORE_THE_REPORT}").json()
    after = client.get(f"{url}&irm_completion=complete&as_of=2014-03-01").json()

    assert before["results"] == []
    [group] = after["results"]
    assert group["commitment_count"] == 2 and group["completion"]["irm"]["complete"] == 2


def test_ordering_by_a_level_as_of_a_day_is_refused_not_by_todays(client, reported):
    response = client.get(f"{PLAN}&ordering=-irm_completion&as_of=2014-03-01")

    assert response.status_code == 400 and list(response.json()) == ["ordering"]
    assert client.get(f"{PLAN}&ordering=-ogp_id&as_of=2014-03-01").status_code == 200


def test_a_download_as_of_a_day_gives_that_days_levels(client, reported):
    response = client.get(
        "/downloads/commitments.csv?action_plan=AP_PER01&as_of=2014-01-01",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = {row["Id"]: row for row in csv.DictReader(io.StringIO(text))}

    assert rows["PE0002"]["Civil society status"] == "Limited"
    assert rows["PE0001"]["Completion according to the IRM"] == ""


def test_the_query_count_stays_flat_as_the_kept_rows_grow(client, reported):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_commitments

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"{PLAN}&irm_completion=no_data&as_of=2014-01-01&page_size=100")
        assert response.status_code == 200
        return len(captured)

    few = queries()
    make_commitments(reported.plan, 30, "PE", start=100)
    assert queries() == few
