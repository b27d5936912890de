"""The IRM's part of the as-of figures (commitments.figures.as_of): a commitment's IRM level on a
day, from the published reports of that day. Registered in ReviewsConfig.ready()."""

from __future__ import annotations

import datetime

from django.db.models import OuterRef, Q, QuerySet, Subquery

from .models import Assessment


def published_by(day: datetime.date) -> Q:
    """Reports published on or before `day`; one known only by its year counts from its last day."""
    last_full_year = day.year if (day.month, day.day) == (12, 31) else day.year - 1
    return Q(report__published_on__lte=day) | Q(
        report__published_on__isnull=True, report__publication_year__lte=last_full_year
    )


def irm_level_as_of(day: datetime.date) -> Subquery:
    latest = (
        Assessment.objects.published()
        .filter(published_by(day), commitment=OuterRef("pk"))
        .exclude(completion="")
        .latest_first()
        .values("completion")[:1]
    )
    return Subquery(latest)


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
