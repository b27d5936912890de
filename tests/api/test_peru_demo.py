"""The Peru figures through the API, from the real demo data (manage.py load_demo)."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command

from tests.world import PERU_IRM_LEVELS

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


def test_commitment_list_and_export_as_of_give_each_commitments_levels_then(client, peru_demo):
    # Mid-2012: plan 1 had started, plan 2 not yet; no IRM finding published yet.
    early = client.get("/api/v1/commitments/", {"member": "PER", "as_of": "2012-06-01"})
    assert early.status_code == 200
    body = early.json()
    assert body["count"] == 48
    assert {row["action_plan"] for row in body["results"]} == {"AP_PER01"}
    assert all(row["irm_completion"] is None for row in body["results"])
    assert all(row["as_of"] == "2012-06-01" for row in body["results"])
    # After the progress report (known by its year, 2014: it counts from 2014-12-31).
    export = client.get(
        "/api/v1/commitments/export.csv", {"action_plan": "AP_PER01", "as_of": "2015-06-01"}
    )
    assert export.status_code == 200
    exported = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert len(exported) == 48
    levels: dict[str, int] = {}
    for row in exported:
        levels[row["irm_completion"]] = levels.get(row["irm_completion"], 0) + 1
    assert {level: levels.get(level, 0) for level in PERU_IRM_LEVELS} == PERU_IRM_LEVELS
    assert {row["irm_basis.kind"] for row in exported} == {"progress"}
    assert {row["irm_basis.counts_from"] for row in exported} == {"2014-12-31"}
    assert {row["irm_basis.year_only"] for row in exported} == {"true"}
    # The same day through the paged list and its CSV agrees with the export.
    listed = client.get(
        "/api/v1/commitments/",
        {"action_plan": "AP_PER01", "as_of": "2015-06-01", "format": "csv"},
    )
    rows = list(csv.DictReader(io.StringIO(listed.content.decode())))
    assert sorted((r["ogp_id"], r["irm_completion"]) for r in rows) == sorted(
        (r["ogp_id"], r["irm_completion"]) for r in exported
    )
    # Before the plan started: none.
    before = client.get("/api/v1/commitments/", {"action_plan": "AP_PER01", "as_of": "2011-12-31"})
    assert before.json()["count"] == 0
