"""The as-of figures, finished: today's figures say which IRM report each count comes from; as-of
commitment rows give that day's latest assessment and star; a past day's figures are that day's;
and today's figures from the cached levels equal the as-of definition for every grouping on a
varied world."""

from __future__ import annotations

import csv
import datetime
import io
import random
import re

import pytest
from django.utils import timezone

from commitments.figures.counting import completion_by, completion_figures
from commitments.figures.values import TRACKS
from commitments.models import Commitment
from commitments.services import refresh_status
from reviews.services import refresh_irm_summary
from tests.factories import (
    ActionPlanFactory,
    AssessmentFactory,
    CommitmentFactory,
    IRMReportFactory,
    MemberFactory,
    OrganizationFactory,
    PolicyAreaFactory,
    StatusUpdateFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.world("figures")]

PROGRESS_DAY = datetime.date(2014, 3, 1)


@pytest.fixture
def two_reports(world):
    """P1: the progress report (2014-03-01) rates c1 complete (starred) and c2 limited; the
    end-of-term report, known only by its year (2015), rates c1 substantial (not starred). The
    cached IRM levels are refreshed as publishing does."""
    c1, c2 = world.commitments["c1"], world.commitments["c2"]
    progress = IRMReportFactory(action_plan=world.plans["P1"], published_on=PROGRESS_DAY)
    AssessmentFactory(report=progress, commitment=c1, completion="complete", starred=True)
    AssessmentFactory(report=progress, commitment=c2, completion="limited")
    end = IRMReportFactory(
        action_plan=world.plans["P1"], kind="end_of_term", published_on=None, publication_year=2015
    )
    AssessmentFactory(report=end, commitment=c1, completion="substantial", starred=False)
    refresh_irm_summary(Commitment.objects.values_list("pk", flat=True))
    return world


TODAYS_P1_BASIS = [
    {
        "kind": "progress",
        "published_on": "2014-03-01",
        "publication_year": None,
        "counts_from": "2014-03-01",
        "year_only": False,
        "commitment_count": 1,
    },
    {
        "kind": "end_of_term",
        "published_on": None,
        "publication_year": 2015,
        "counts_from": "2015-12-31",
        "year_only": True,
        "commitment_count": 1,
    },
]


def test_todays_plan_figures_say_which_report_each_irm_count_comes_from(two_reports, api_client):
    detail = api_client.get("/api/v1/action-plans/AP_AAA01/").json()["completion"]
    assert detail["irm"]["substantial"] == 1 and detail["irm"]["limited"] == 1
    assert detail["irm_basis"]["report"] == "latest"
    assert detail["irm_basis"]["reports"] == TODAYS_P1_BASIS
    listed = api_client.get("/api/v1/action-plans/").json()["results"]
    by_plan = {row["ogp_id"]: row["completion"]["irm_basis"] for row in listed}
    assert by_plan["AP_AAA01"]["reports"] == TODAYS_P1_BASIS
    # A plan whose cached levels come from no report in the records says so: no report.
    assert by_plan["AP_AAA02"]["reports"] == []


def test_todays_stats_and_organisations_carry_the_irm_basis(two_reports, api_client):
    stats = api_client.get("/api/v1/stats/completion/", {"group_by": "action_plan"}).json()
    p1 = next(row for row in stats["results"] if row["key"] == "AP_AAA01")
    assert p1["completion"]["irm_basis"]["reports"] == TODAYS_P1_BASIS
    org = api_client.get("/api/v1/organizations/org-x/").json()
    # org-x leads c1 (end-of-term), c2 (progress) and c5 (no report in the records).
    kinds = {r["kind"]: r["commitment_count"] for r in org["completion"]["irm_basis"]["reports"]}
    assert kinds == {"progress": 1, "end_of_term": 1}


def test_todays_basis_follows_a_refresh_of_the_cached_level(two_reports):
    c1 = two_reports.commitments["c1"]
    c1.refresh_from_db()
    assert (c1.irm_report_kind, c1.irm_report_published_on, c1.irm_report_year) == (
        "end_of_term",
        None,
        2015,
    )
    later = IRMReportFactory(
        action_plan=two_reports.plans["P1"], kind="results", published_on=datetime.date(2016, 5, 2)
    )
    AssessmentFactory(report=later, commitment=c1, completion="complete")
    refresh_irm_summary([c1.pk])
    c1.refresh_from_db()
    assert (c1.irm_report_kind, c1.irm_report_published_on) == (
        "results",
        datetime.date(2016, 5, 2),
    )
    p1 = completion_figures(Commitment.objects.filter(action_plan=two_reports.plans["P1"]))
    assert [r.kind for r in p1.irm_basis.reports] == ["progress", "results"]


def test_todays_plan_figures_take_one_query_for_any_number_of_plans(
    two_reports, django_assert_num_queries
):
    for _ in range(20):
        CommitmentFactory(action_plan=ActionPlanFactory(member=two_reports.plans["P1"].member))
    with django_assert_num_queries(1):  # one aggregate per plan and IRM report
        groups = completion_by(Commitment.objects.all(), "action_plan")
    assert len(groups) == 23 and all(g.figures.irm_basis for g in groups)


def commitment_row(api_client, ogp_id: str, **params) -> dict:
    rows = api_client.get("/api/v1/commitments/", {"action_plan": "AP_AAA01", **params}).json()
    return next(row for row in rows["results"] if row["ogp_id"] == ogp_id)


def test_as_of_commitment_rows_give_that_days_assessment_and_star(two_reports, api_client):
    c1 = two_reports.commitments["c1"].ogp_id
    today = commitment_row(api_client, c1)
    assert today["irm_starred"] is False
    assert today["latest_irm_assessment"]["report"]["kind"] == "end_of_term"
    then = commitment_row(api_client, c1, as_of="2014-06-01")
    assert then["irm_completion"] == "complete" and then["irm_starred"] is True
    assert then["latest_irm_assessment"]["report"]["kind"] == "progress"
    before = commitment_row(api_client, c1, as_of="2013-06-01")
    assert before["irm_starred"] is False and before["latest_irm_assessment"] is None
    # On the progress basis, today: the progress report's rating and star.
    progress = commitment_row(api_client, c1, irm_report="progress")
    assert progress["irm_starred"] is True
    assert progress["latest_irm_assessment"]["report"]["kind"] == "progress"


def test_as_of_export_gives_that_days_assessment_and_star(two_reports, api_client):
    c1 = two_reports.commitments["c1"].ogp_id
    response = api_client.get(
        "/api/v1/commitments/export.csv", {"action_plan": "AP_AAA01", "as_of": "2014-06-01"}
    )
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = {row["ogp_id"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows[c1]["irm_starred"].lower() in {"true", "1", "yes"}
    assert rows[c1]["latest_irm_assessment.report.kind"] == "progress"


# Every grouping: "all" (every commitment) and each of completion_by's.
GROUPINGS = ("all", "member", "action_plan", "organization", "ogp_value", "policy_area")


def figures_of(day: datetime.date | None, grouping: str) -> dict:
    """Each group's label and counts per track: with no day, today's from the levels cached on each
    commitment; with a day, that day's from the dated records."""
    everything = Commitment.objects.all()
    if grouping == "all":
        groups = [("all", "All commitments", completion_figures(everything, day=day))]
    else:
        groups = [(g.key, g.label, g.figures) for g in completion_by(everything, grouping, day=day)]
    return {
        key: {
            "label": str(label),
            **{track: figures.track(track).counts for track in TRACKS},
        }
        for key, label, figures in groups
    }


def test_a_past_days_figures_are_that_days_not_todays_cached_levels(two_reports, api_client):
    StatusUpdateFactory(
        commitment=two_reports.commitments["c1"], completion="limited", as_of=PROGRESS_DAY
    )
    body = api_client.get(
        "/api/v1/stats/completion/", {"group_by": "action_plan", "as_of": "2014-06-01"}
    ).json()
    p1 = next(row for row in body["results"] if row["key"] == "AP_AAA01")
    assert p1["label"] == "Aland plan 1"
    # Not today's cached levels (c1 substantial, c2 limited, c3 none): the progress report's.
    irm, civil = p1["completion"]["irm"], p1["completion"]["civil_society"]
    assert irm["complete"] == 1 and irm["substantial"] == 0
    assert civil["limited"] == 1


@pytest.fixture
def varied(db):
    """A seeded random world: plans starting on different days (one known only by its submission
    year, one with neither), commitments with zero to three policy areas, any OGP values, a lead
    organisation or none, status updates (some recorded out of order) and IRM reports of every
    basis, dated or known only by their year, some unpublished."""
    rng = random.Random(11)
    members = [MemberFactory(code=code) for code in ("MMA", "MMB", "MMC")]
    orgs = [OrganizationFactory() for _ in range(4)]
    areas = [PolicyAreaFactory() for _ in range(4)]
    plans = []
    for n in range(7):
        start = datetime.date(2012 + n % 4, 1 + (n * 5) % 12, 1)
        if n == 5:
            plans.append(
                ActionPlanFactory(member=members[n % 3], start_date=None, submission_year=2014)
            )
        elif n == 6:
            plans.append(ActionPlanFactory(member=members[n % 3], start_date=None))
        else:
            plans.append(
                ActionPlanFactory(
                    member=members[n % 3], start_date=start, end_date=start.replace(year=2018)
                )
            )
    levels = ["not_started", "limited", "substantial", "complete", "withdrawn", "unclear"]
    commitments = []
    for plan in plans:
        for _ in range(rng.randint(2, 5)):
            commitment = CommitmentFactory(
                action_plan=plan,
                lead_organization=rng.choice([None, *orgs]),
                value_access_to_information=rng.random() < 0.5,
                value_civic_participation=rng.random() < 0.3,
                value_public_accountability=rng.random() < 0.2,
            )
            commitment.policy_areas.add(*rng.sample(areas, rng.randint(0, 3)))
            commitments.append(commitment)
            for _ in range(rng.randint(0, 3)):
                StatusUpdateFactory(
                    commitment=commitment,
                    completion=rng.choice(levels),
                    as_of=datetime.date(2012, 1, 1) + datetime.timedelta(days=rng.randint(0, 1800)),
                )
    for plan in plans:
        for kind, year in (("progress", 2014), ("end_of_term", 2016), ("results", 2017)):
            year_only = rng.random() < 0.3
            report = IRMReportFactory(
                action_plan=plan,
                kind=kind,
                state=rng.choice(["published", "published", "published", "draft"]),
                published_on=None if year_only else datetime.date(year, rng.randint(1, 12), 1),
                publication_year=year if year_only else None,
            )
            for commitment in plan.commitments.all():
                if rng.random() < 0.7:
                    AssessmentFactory(
                        report=report, commitment=commitment, completion=rng.choice(levels)
                    )
    refresh_irm_summary([c.pk for c in commitments])
    for commitment in commitments:
        refresh_status(commitment, "civil_society")
    return commitments


def test_todays_figures_from_the_cached_levels_equal_the_as_of_definition(varied):
    # Every plan of the varied world has started, so today's cached levels are today's as-of.
    today = timezone.localdate()
    for grouping in GROUPINGS:
        assert figures_of(None, grouping) == figures_of(today, grouping), grouping


def test_todays_irm_basis_equals_the_records_basis(varied):
    everything = Commitment.objects.all()
    for grouping in ("action_plan", "organization", "policy_area", "ogp_value", "member"):
        cached = {g.key: g.figures for g in completion_by(everything, grouping)}
        records = {
            g.key: g.figures for g in completion_by(everything, grouping, irm_report="latest")
        }
        assert cached == records, grouping


def test_plan_and_home_pages_say_which_irm_report_todays_counts_come_from(two_reports, client):
    plan = client.get("/plans/AP_AAA01/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    line = re.search(r'<p class="muted irm-basis">(.*?)</p>', plan, flags=re.S).group(1)
    assert "IRM progress report, published" in line and ": 1 commitment" in line
    assert "IRM end-of-term report, published in 2015 (counted from 31 December 2015)" in line
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "From: IRM progress report 2014, IRM end-of-term report 2015" in home
