"""The Peru figures through the API, from the real demo data (manage.py load_demo)."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command

from tests.api.conftest import PERU_IRM_LEVELS

pytestmark = pytest.mark.django_db


@pytest.fixture
def peru_demo(db) -> None:
    call_command("load_demo", stdout=io.StringIO())


def test_peru_first_plan_figures_and_questions_from_the_demo_data(client, peru_demo):
    plan = client.get("/api/v1/action-plans/AP_PER01/").json()
    assert plan["commitment_count"] == 48
    irm = plan["completion"]["irm"]
    assert {level: irm[level] for level in PERU_IRM_LEVELS} == PERU_IRM_LEVELS
    assert irm["complete_rate"] == {"numerator": 2, "denominator": 48}
    assert irm["high_completion_rate"] == {"numerator": 14, "denominator": 48}
    # The journalist's questions, on the same data (one test: loading the demo takes a while).
    complete = client.get("/api/v1/commitments/?action_plan=AP_PER01&irm_completion=complete")
    assert complete.json()["count"] == 2
    never_started = client.get(
        "/api/v1/commitments/?action_plan=AP_PER01&irm_completion=not_started&format=csv"
    )
    rows = list(csv.DictReader(io.StringIO(never_started.content.decode())))
    assert len(rows) == 9
    assert all(row["lead_organization.name"] for row in rows)
    export = client.get("/api/v1/commitments/export.csv?action_plan=AP_PER01")
    exported = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert len(exported) == 48
    assert {row["latest_irm_assessment.report.kind"] for row in exported} >= {"progress"}


def test_peru_first_plan_as_it_stood_on_past_days(client, peru_demo):
    # Approved April 2012: all 48 commitments, no IRM finding yet.
    early = client.get("/api/v1/action-plans/AP_PER01/", {"as_of": "2012-06-01"}).json()
    assert early["commitment_count"] == 48
    assert early["completion"]["irm"]["no_data"] == 48
    # After the IRM's progress report (published 2014): the figures the IRM published.
    later = client.get("/api/v1/action-plans/AP_PER01/", {"as_of": "2015-06-01"}).json()
    irm = later["completion"]["irm"]
    assert {level: irm[level] for level in PERU_IRM_LEVELS} == PERU_IRM_LEVELS
    # Before the plan existed.
    before = client.get("/api/v1/action-plans/AP_PER01/", {"as_of": "2011-12-31"}).json()
    assert before["commitment_count"] == 0


def test_peru_first_plan_course_from_2012(client, peru_demo):
    body = client.get(
        "/api/v1/stats/completion/history/", {"group_by": "action_plan", "key": "AP_PER01"}
    ).json()
    years = {point["day"][:4] for point in body["results"]}
    assert {"2012", "2013", "2014"} <= years  # start, civil society's updates, the IRM's report
    first, last_2014 = (
        body["results"][0],
        [p for p in body["results"] if p["day"] <= "2014-12-31"][-1],
    )
    assert first["day"] == "2012-04-10" and first["completion"]["irm"]["no_data"] == 48
    assert last_2014["completion"]["irm"]["complete"] == 2
