"""The IRM's part of the as-of figures (commitments.figures.as_of): a commitment's IRM level on a
day, from the published reports of that day. Registered in ReviewsConfig.ready()."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import F, Q, QuerySet

from commitments.figures.values import LatestReport

from .models import LATEST_REPORT_ORDERING, Assessment, IRMReport, latest_report_aliases


def published_by(day: datetime.date) -> Q:
    """Reports published on or before `day`; one known only by its year counts from its last day."""
    last_full_year = day.year if (day.month, day.day) == (12, 31) else day.year - 1
    return Q(report__published_on__lte=day) | Q(
        report__published_on__isnull=True, report__publication_year__lte=last_full_year
    )


# The reports each IRM basis counts from (?irm_report=): the mid-term progress report, or the
# end-of-term rating (end-of-term before 2018, implementation 2018-2020, results from 2021).
BASIS_KINDS: dict[str, tuple[str, ...]] = {
    "progress": (IRMReport.Kind.PROGRESS,),
    "end_of_term": (
        IRMReport.Kind.END_OF_TERM,
        IRMReport.Kind.IMPLEMENTATION,
        IRMReport.Kind.RESULTS,
    ),
}


def irm_ratings(
    day: datetime.date | None, irm_report: str, commitments: QuerySet | None
) -> tuple[QuerySet, list[Any]]:
    """The published assessments rating completion that may count on `day` on the `irm_report`
    basis, annotated as commitments.figures.counting.IRM_COLUMNS, and the ordering that puts the one that
    counts first for each commitment (Assessment.latest_first)."""
    ratings = Assessment.objects.published()
    if commitments is not None:  # None: every commitment
        ratings = ratings.filter(commitment__in=commitments)
    ratings = (
        ratings.exclude(completion="")
        .alias(**latest_report_aliases())
        .annotate(
            i_commitment=F("commitment_id"),
            i_level=F("completion"),
            i_kind=F("report__kind"),
            i_published_on=F("report__published_on"),
            i_year=F("report__publication_year"),
            i_starred=F("starred"),
        )
    )
    return counted_on(ratings, day, irm_report), list(LATEST_REPORT_ORDERING)


def counted_on(assessments: QuerySet, day: datetime.date | None, irm_report: str) -> QuerySet:
    """The assessments whose report counts on `day` (None: today) on the `irm_report` basis."""
    if day is not None:
        assessments = assessments.filter(published_by(day))
    if irm_report in BASIS_KINDS:
        assessments = assessments.filter(report__kind__in=BASIS_KINDS[irm_report])
    return assessments


def irm_change_dates(commitments: QuerySet) -> list[datetime.date]:
    """The days the IRM published a finding on these commitments (a year-only report: 31 Dec)."""
    rows = (
        Assessment.objects.published()
        .filter(commitment__in=commitments.values("pk"))
        .order_by()
        .values_list("report__published_on", "report__publication_year")
        .distinct()
    )
    return [
        published or datetime.date(year, 12, 31) for published, year in rows if published or year
    ]


def irm_latest_reports(plan_ids: Iterable[int]) -> dict[int, LatestReport]:
    """The latest published IRM report of each plan (a year-only one: counted from 31 December),
    the basis of its commitments' current IRM levels. One query."""
    latest: dict[int, LatestReport] = {}
    reports = (
        IRMReport.objects.published()
        .filter(action_plan_id__in=list(plan_ids))
        .order_by()
        .values_list("action_plan_id", "kind", "published_on", "publication_year")
    )
    for plan_id, kind, published_on, year in reports:
        entry = LatestReport(str(IRMReport.Kind(kind).label), published_on, year)
        if plan_id not in latest or _counts_from(entry) > _counts_from(latest[plan_id]):
            latest[plan_id] = entry
    return latest


def _counts_from(report: LatestReport) -> datetime.date:
    if report.published_on:
        return report.published_on
    return datetime.date(report.publication_year or 1, 12, 31)
