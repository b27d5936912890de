"""The completion figures as of a day, or on a chosen IRM basis: counted from the dated records
themselves (status updates and IRM assessments), in one query whatever the number of commitments."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from ..models.vocab import FIGURE_KEYS, NO_DATA, Voice
from .values import DEFAULT_IRM_REPORT, IRM_REPORTS, TRACKS, BasisReport

AS_OF_RULE = _(
    "As of a day: a commitment counts from its plan's start; the government's and civil society's "
    "levels are each one's latest status update dated on or before that day; the IRM's, its "
    "latest assessment in a report "
    "published on or before it (a report known only by its publication year counts from that "
    "year's last day)."
)

# The IRM's latest rating per commitment comes from the IRM's own app, which registers it at
# start-up (this app imports nothing of it): `provider(day, irm_report, commitments)` gives an
# Assessment queryset annotated with IRM_COLUMNS (one row per assessment that may count) and the
# ordering that puts the one that counts first for each commitment (`i_commitment`).
IRM_COLUMNS = ("i_commitment", "i_level", "i_kind", "i_published_on", "i_year", "i_starred")
IrmLatest = Callable[[datetime.date | None, str, QuerySet | None], tuple[QuerySet, list[Any]]]
IrmChangeDates = Callable[[QuerySet], Iterable[datetime.date]]
_irm_latest: IrmLatest | None = None
_irm_change_dates: IrmChangeDates | None = None


def register_irm_level_as_of(provider: IrmLatest, change_dates: IrmChangeDates) -> None:
    """The IRM's ratings that may count on a day on a basis, and the days the IRM published on."""
    global _irm_latest, _irm_change_dates
    _irm_latest, _irm_change_dates = provider, change_dates


# Each track's level column in the records' SQL (`_records_sql`).
_TRACK_COLUMNS = {"government": "g.s_level", "civil_society": "s.s_level", "irm": "i.i_level"}


def change_dates(commitments: QuerySet) -> list[datetime.date]:
    """The days the group's figures can change on: each plan's start, each status update's as-of
    date, each IRM report's publication (a year-only report: 31 December). Three queries."""
    from ..models import StatusUpdate

    days = set(
        commitments.exclude(action_plan__start_date=None)
        .order_by()
        .values_list("action_plan__start_date", flat=True)
        .distinct()
    )
    days |= set(
        StatusUpdate.objects.filter(commitment__in=commitments.values("pk"))
        .order_by()
        .values_list("as_of", flat=True)
        .distinct()
    )
    if _irm_change_dates is not None:
        days |= set(_irm_change_dates(commitments))
    return sorted(days)


def started_by(day: datetime.date) -> Q:
    """Commitments counted on `day`: from their plan's start date (without one, from the first day
    of the year the plan was submitted; with neither, always)."""
    return (
        Q(action_plan__start_date__lte=day)
        | Q(action_plan__start_date__isnull=True, action_plan__submission_year__lte=day.year)
        | Q(action_plan__start_date__isnull=True, action_plan__submission_year__isnull=True)
    )


def as_of(commitments: QuerySet, day: datetime.date) -> QuerySet:
    """The commitments counted on `day` (their plan had started)."""
    return commitments.filter(started_by(day))


def _latest_per_commitment(queryset: QuerySet, key: str, ordering: list[Any], columns) -> QuerySet:
    """The first row per `key` by `ordering`, in one query: DISTINCT ON in PostgreSQL, a
    ROW_NUMBER() window elsewhere (SQLite)."""
    from django.db import connections
    from django.db.models import F, Window
    from django.db.models.functions import RowNumber

    if connections[queryset.db].vendor == "postgresql":
        return queryset.order_by(key, *ordering).distinct(key).values_list(*columns)
    ranked = queryset.annotate(
        _rank=Window(RowNumber(), partition_by=[F(key)], order_by=ordering)
    ).filter(_rank=1)
    return ranked.order_by().values_list(*columns)


def _check_irm_report(irm_report: str) -> None:
    if irm_report not in IRM_REPORTS:
        raise ValueError(f"Unknown IRM report {irm_report!r}; use one of {', '.join(IRM_REPORTS)}.")


def _records_sql(
    commitments: QuerySet,
    day: datetime.date | None,
    irm_report: str,
    columns: Sequence[str],
    *,
    per_commitment: bool = False,
) -> tuple[str, list[Any]]:
    """The SQL behind `levels_from_records`: the commitments (with `columns`), each joined to its
    latest status update and its IRM rating that counts, as derived tables (no correlated
    subqueries), then grouped and counted in the database."""
    from django.db.models import F

    from ..models import StatusUpdate

    _check_irm_report(irm_report)
    counted = commitments.filter(started_by(day)) if day is not None else commitments
    aliases = {f"g{n}": F(path) for n, path in enumerate(columns)}
    commitment_sql, commitment_params = (
        counted.order_by()
        .annotate(c_id=F("pk"), **aliases)
        .values_list("c_id", *aliases)
        .query.sql_with_params()
    )
    ids = counted.order_by().values("pk")
    # The derived tables are narrowed to the group's commitments; for every commitment there is
    # nothing to narrow (the left joins keep only the counted ones), and the semi-join would cost.
    narrowed = bool(commitments.query.where)
    updates = StatusUpdate.objects.filter(commitment__in=ids) if narrowed else StatusUpdate.objects
    updates = updates.standing()
    if day is not None:
        updates = updates.filter(as_of__lte=day)
    updates = updates.annotate(
        s_commitment=F("commitment_id"), s_level=F("completion"), s_as_of=F("as_of")
    )
    # One derived table per voice: civil society's (s) and the government's (g).
    voice_sql = {}
    for alias, voice in (("s", Voice.CIVIL_SOCIETY), ("g", Voice.GOVERNMENT)):
        voice_sql[alias] = _latest_per_commitment(
            updates.filter(voice=voice),
            "commitment_id",
            [F("as_of").desc(), F("recorded_at").desc(), F("pk").desc()],
            ("s_commitment", "s_level", "s_as_of"),
        ).query.sql_with_params()
    if _irm_latest is not None:
        ratings, ordering = _irm_latest(day, irm_report, ids if narrowed else None)
        irm_sql, irm_params = _latest_per_commitment(
            ratings, "commitment_id", ordering, IRM_COLUMNS
        ).query.sql_with_params()
    else:  # no IRM app: nobody rated (the id typed, or PostgreSQL cannot join a text NULL on it)
        irm_sql, irm_params = (
            "SELECT CAST(NULL AS INTEGER) AS i_commitment, NULL AS i_level, NULL AS i_kind, "
            "NULL AS i_published_on, NULL AS i_year, NULL AS i_starred WHERE 1 = 0",
            [],
        )
    basis = "i.i_kind, i.i_published_on, i.i_year"
    (status_sql, status_params), (gov_sql, gov_params) = voice_sql["s"], voice_sql["g"]
    joins = (
        f"FROM ({commitment_sql}) c "
        f"LEFT JOIN ({status_sql}) s ON s.s_commitment = c.c_id "
        f"LEFT JOIN ({gov_sql}) g ON g.s_commitment = c.c_id "
        f"LEFT JOIN ({irm_sql}) i ON i.i_commitment = c.c_id"
    )
    params = [*commitment_params, *status_params, *gov_params, *irm_params]
    if per_commitment:
        levels = "COALESCE(s.s_level, ''), COALESCE(i.i_level, ''), COALESCE(g.s_level, '')"
        return (
            f"SELECT c.c_id, {levels}, s.s_as_of, g.s_as_of, {basis}, i.i_starred {joins}",
            params,
        )
    # One row per group and IRM report, the levels counted in the database (_COUNT_NAMES order).
    counts = []
    for column in (_TRACK_COLUMNS[track] for track in TRACKS):
        for key in FIGURE_KEYS:
            level = "" if key == NO_DATA else str(key)
            counts.append(f"COUNT(CASE WHEN COALESCE({column}, '') = %s THEN 1 END)")
            params.append(level)
    # The count parameters come first in the SELECT list, before the joins' own.
    params = params[-len(counts) :] + params[: -len(counts)]
    head = "".join(f"c.{alias}, " for alias in aliases)
    sql = f"SELECT {head}{basis}, {', '.join(counts)} {joins} GROUP BY {head}{basis}"
    return sql, params


def _run(commitments: QuerySet, sql: str, params: list[Any], date_column: int) -> list[tuple]:
    from django.db import connections

    with connections[commitments.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return [(*row[:date_column], _day(row[date_column]), *row[date_column + 1 :]) for row in rows]


def levels_from_records(
    commitments: QuerySet,
    *,
    day: datetime.date | None = None,
    irm_report: str = DEFAULT_IRM_REPORT,
    columns: Sequence[str] = (),
) -> list[tuple]:
    """The one definition of the figures from the dated records, as (columns..., the IRM report's
    kind, publication date, publication year, counts...) rows (one per group and report; the
    counts in `_COUNT_NAMES` order), in one query whatever the number of commitments, updates and
    groups:

    - with `day`, a commitment counts from its plan's start (`started_by`); without, always;
    - civil society: its latest status update with an as-of date on or before `day`;
    - the IRM: its latest assessment rating completion in a published report of the `irm_report`
      basis published on or before `day` (a report known only by its year counts from that year's
      last day).
    The same records give the same figures for any day."""
    sql, params = _records_sql(commitments, day, irm_report, columns)
    return _run(commitments, sql, params, date_column=len(columns) + 1)


@dataclass(frozen=True)
class CommitmentLevels:
    """One commitment's levels from the records (`commitment_levels`); `self_reported` is civil
    society's."""

    self_reported: str
    self_reported_as_of: datetime.date | None
    irm: str
    irm_report: BasisReport | None
    irm_starred: bool = False
    government: str = ""
    government_as_of: datetime.date | None = None


def commitment_levels(
    commitments: QuerySet,
    *,
    day: datetime.date | None = None,
    irm_report: str = DEFAULT_IRM_REPORT,
    chunk_size: int = 2000,
) -> Iterator[tuple[Any, CommitmentLevels]]:
    """(pk, levels) for each commitment as it stood on `day` by the same definition, in pk order,
    from one query read in chunks; commitments not yet counted on `day` are left out."""
    from django.db import connections

    sql, params = _records_sql(commitments, day, irm_report, (), per_commitment=True)
    with connections[commitments.db].cursor() as cursor:
        cursor.execute(f"{sql} ORDER BY c.c_id", params)
        while chunk := cursor.fetchmany(chunk_size):
            for row in chunk:
                pk, reported, irm, government, reported_on, government_on, *rest = row
                kind, published_on, year, starred = rest
                published_on, reported_on = _day(published_on), _day(reported_on)
                basis = BasisReport(kind, published_on, year, 1) if kind else None
                yield (
                    pk,
                    CommitmentLevels(
                        reported,
                        reported_on,
                        irm,
                        basis,
                        bool(starred),
                        government,
                        _day(government_on),
                    ),
                )


def at_levels(
    commitments: QuerySet,
    keep: Callable[[CommitmentLevels], bool],
    *,
    day: datetime.date | None = None,
    irm_report: str = DEFAULT_IRM_REPORT,
) -> QuerySet:
    """The commitments whose levels on `day` (on the `irm_report` basis), by the same definition,
    `keep` accepts: the levels read in one query, then `pk IN` the kept ones. Those not yet
    counted on `day` are left out."""
    kept = [
        pk
        for pk, levels in commitment_levels(commitments, day=day, irm_report=irm_report)
        if keep(levels)
    ]
    # None kept: a condition no row meets that still compiles (`pk IN ()` cannot be written as
    # SQL, and the figures compile this queryset into theirs).
    return commitments.filter(pk__in=kept) if kept else commitments.filter(pk__isnull=True)


def _day(value: Any) -> Any:
    """A date from the database (SQLite gives raw queries' dates back as text)."""
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value
