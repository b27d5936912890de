"""The one definition of the completion figures, used by every page, endpoint, export and task.

For a group of commitments (an action plan, a member, an organisation's led commitments, an OGP value,
a policy area) and for each of the three tracks (the government's self-assessment, civil society's
status updates, the IRM's assessments):

- the count of commitments at each completion level, plus `no_data` for those not yet assessed or
  reported; every commitment is counted exactly once per track;
- two rates, each as a numerator and a denominator (never a bare percentage):
  complete = complete / all commitments in the group;
  high completion = (substantial + complete) / all commitments in the group.

The denominator is every commitment in the group: withdrawn, unclear and not-yet-assessed commitments
stay in it, so a plan cannot look better by withdrawing what it did not do.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models.vocab import (
    FIGURE_KEYS,
    HIGH_COMPLETION_LEVELS,
    NO_DATA,
    OGP_VALUE_FIELDS,
    CompletionLevel,
    Voice,
)

DENOMINATOR_RULE = _(
    "Rates count every commitment in the group, including withdrawn, unclear and not yet assessed "
    "or reported ones. Complete rate: complete ÷ all commitments. High completion rate: "
    "(substantial + complete) ÷ all commitments."
)

AS_OF_RULE = _(
    "As of a day: a commitment counts from its plan's start; the government's and civil society's "
    "levels are each one's latest status update dated on or before that day; the IRM's, its "
    "latest assessment in a report "
    "published on or before it (a report known only by its publication year counts from that "
    "year's last day)."
)

# Track name -> the cached Commitment field that holds that track's current level, in the order of
# every table, chart and CSV. Civil society's track was called "self_reported" until this release
# (in OGP's vocabulary a self-report is the government's): OLD_TRACK_NAMES keeps the old public
# name as an alias for one release (JSON carries both keys, old query parameters still work).
TRACKS: dict[str, str] = {
    "government": "government_completion",
    "civil_society": "self_reported_completion",
    "irm": "irm_completion",
}
OLD_TRACK_NAMES: dict[str, str] = {"self_reported": "civil_society"}
TRACK_LABELS: dict[str, Any] = {
    "government": _("Government"),
    "civil_society": _("Civil society"),
    "irm": _("IRM"),
}

# Grouping name -> the values() path that identifies a group and the one that labels it.
GROUPINGS: dict[str, tuple[str, str]] = {
    "member": ("action_plan__member__code", "action_plan__member__name"),
    "action_plan": ("action_plan__ogp_id", "action_plan__title"),
    "organization": ("lead_organization__slug", "lead_organization__name"),
    "policy_area": ("policy_areas__slug", "policy_areas__name"),
    "ogp_value": ("", ""),  # four boolean columns, handled apart
}


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int

    def as_dict(self) -> dict[str, int]:
        return {"numerator": self.numerator, "denominator": self.denominator}

    @property
    def percent(self) -> float | None:
        """For display only; APIs give numerator and denominator."""
        if not self.denominator:
            return None
        # Round half up, as people do by hand (3 of 48 is 6.3 %, not Python's half-even 6.2 %).
        exact = Decimal(100 * self.numerator) / Decimal(self.denominator)
        return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class TrackFigures:
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def complete_rate(self) -> Rate:
        return Rate(self.counts[CompletionLevel.COMPLETE], self.total)

    @property
    def high_completion_rate(self) -> Rate:
        return Rate(sum(self.counts[level] for level in HIGH_COMPLETION_LEVELS), self.total)

    @property
    def coverage_rate(self) -> Rate:
        """How many commitments the track says anything about: all but "no data"."""
        return Rate(self.total - self.counts[NO_DATA], self.total)

    def as_dict(self) -> dict[str, Any]:
        return {
            **{str(key): self.counts[key] for key in FIGURE_KEYS},
            "complete_rate": self.complete_rate.as_dict(),
            "high_completion_rate": self.high_completion_rate.as_dict(),
        }


@dataclass(frozen=True)
class CompletionFigures:
    government: TrackFigures
    civil_society: TrackFigures
    irm: TrackFigures
    # Which IRM reports the IRM counts come from; set when the figures come from the records.
    irm_basis: IrmBasis | None = None

    @property
    def commitment_count(self) -> int:
        return self.irm.total

    def track(self, name: str) -> TrackFigures:
        return getattr(self, OLD_TRACK_NAMES.get(name, name))

    def tracks(self) -> list[tuple[str, Any, TrackFigures]]:
        """(name, label, figures) of each track, in display order."""
        return [(name, TRACK_LABELS[name], self.track(name)) for name in TRACKS]

    def as_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {name: self.track(name).as_dict() for name in TRACKS}
        for old, new in OLD_TRACK_NAMES.items():
            found[old] = found[new]  # deprecated alias, one release
        found["denominator_rule"] = str(DENOMINATOR_RULE)
        if self.irm_basis is not None:
            found["irm_basis"] = self.irm_basis.as_dict()
        return found


def _aggregates(
    prefix: str = "", extra: Q | None = None, fields: Mapping[str, str] = TRACKS
) -> dict[str, Count]:
    """Conditional counts, one per track and level, named `{prefix}{track}__{key}`."""
    aggregates = {}
    for track, field in fields.items():
        for key in FIGURE_KEYS:
            condition = Q(**{field: "" if key == NO_DATA else key})
            if extra is not None:
                condition &= extra
            aggregates[f"{prefix}{track}__{key}"] = Count("pk", filter=condition)
    return aggregates


def figures_from_row(row: Mapping[str, Any], prefix: str = "") -> CompletionFigures:
    def track(name: str) -> TrackFigures:
        return TrackFigures({key: row[f"{prefix}{name}__{key}"] or 0 for key in FIGURE_KEYS})

    return CompletionFigures(**{name: track(name) for name in TRACKS})


def empty_figures(
    irm_report: str | None = None, day: datetime.date | None = None
) -> CompletionFigures:
    """No commitment, saying on which IRM basis (`day` changes nothing: no commitment is none)."""
    return _tally((), irm_report or DEFAULT_IRM_REPORT)


# --- As of a day, and on a chosen IRM basis: from the dated records themselves -------------------

# Which IRM report a figure counts from: the latest published (default), or only the mid-term
# progress reports, or only the end-of-term ones (end-of-term, implementation, results reports).
IRM_REPORTS: dict[str, Any] = {
    "latest": _("the latest published IRM report"),
    "progress": _("the IRM progress report"),
    "end_of_term": _("the IRM end-of-term report"),
}
DEFAULT_IRM_REPORT = "latest"

# The IRM's latest rating per commitment comes from the IRM's app (reviews.figures), which this app
# never imports: `provider(day, irm_report, commitments)` gives an Assessment queryset annotated with
# IRM_COLUMNS (one row per assessment that may count) and the ordering that puts the one that counts
# first for each commitment (`i_commitment`).
IRM_COLUMNS = ("i_commitment", "i_level", "i_kind", "i_published_on", "i_year", "i_starred")
IrmLatest = Callable[[datetime.date | None, str, QuerySet | None], tuple[QuerySet, list[Any]]]
IrmChangeDates = Callable[[QuerySet], Iterable[datetime.date]]
_irm_latest: IrmLatest | None = None
_irm_change_dates: IrmChangeDates | None = None


# The latest published IRM report of each plan: `provider(plan_ids)` -> {plan id: LatestReport}.
IrmLatestReports = Callable[[Iterable[int]], "dict[int, LatestReport]"]
_irm_latest_reports: IrmLatestReports | None = None


@dataclass(frozen=True)
class LatestReport:
    """An IRM report a plan's IRM figures come from: its kind in words, and when it came out."""

    label: str
    published_on: datetime.date | None
    publication_year: int | None


@dataclass(frozen=True)
class TrackDates:
    """What a plan's headline figures date from: civil society's and the government's latest status
    updates, and the latest published IRM report (the basis of the IRM's current levels)."""

    self_reported_as_of: datetime.date | None = None
    irm_report: LatestReport | None = None
    government_as_of: datetime.date | None = None


def register_irm_latest_reports(provider: IrmLatestReports) -> None:
    global _irm_latest_reports
    _irm_latest_reports = provider


def track_dates(plan_ids: Iterable[int]) -> dict[int, TrackDates]:
    """TrackDates per plan id (plans without any are left out). Two queries."""
    from django.db.models import Max

    from .models import Commitment

    plan_ids = list(plan_ids)
    reported = {
        pk: (civil, government)
        for pk, civil, government in Commitment.objects.filter(action_plan_id__in=plan_ids)
        .order_by()
        .values("action_plan_id")
        .annotate(civil=Max("self_reported_as_of"), government=Max("government_as_of"))
        .values_list("action_plan_id", "civil", "government")
    }
    reports = _irm_latest_reports(plan_ids) if _irm_latest_reports is not None else {}
    found = {}
    for pk in plan_ids:
        civil, government = reported.get(pk, (None, None))
        if civil or government or pk in reports:
            found[pk] = TrackDates(civil, reports.get(pk), government)
    return found


def register_irm_level_as_of(provider: IrmLatest, change_dates: IrmChangeDates) -> None:
    """The IRM's ratings that may count on a day on a basis, and the days the IRM published on."""
    global _irm_latest, _irm_change_dates
    _irm_latest, _irm_change_dates = provider, change_dates


@dataclass(frozen=True)
class BasisReport:
    """One kind of IRM report an IRM count comes from, with how many commitments it rates."""

    kind: str
    published_on: datetime.date | None
    publication_year: int | None
    commitment_count: int

    @property
    def counts_from(self) -> datetime.date | None:
        """The day its ratings count from: its publication, or for a year-only one, 31 December."""
        if self.published_on:
            return self.published_on
        return datetime.date(self.publication_year, 12, 31) if self.publication_year else None

    def as_dict(self) -> dict[str, Any]:
        counts_from = self.counts_from
        return {
            "kind": self.kind,
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "publication_year": self.publication_year,
            "counts_from": counts_from.isoformat() if counts_from else None,
            "year_only": self.published_on is None and self.publication_year is not None,
            "commitment_count": self.commitment_count,
        }


@dataclass(frozen=True)
class IrmBasis:
    """Which IRM reports a group's IRM counts come from (`report`: the basis asked for)."""

    report: str
    reports: tuple[BasisReport, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "report": self.report,
            "description": str(IRM_REPORTS[self.report]),
            "reports": [entry.as_dict() for entry in self.reports],
        }


def change_dates(commitments: QuerySet) -> list[datetime.date]:
    """The days the group's figures can change on: each plan's start, each status update's as-of
    date, each IRM report's publication (a year-only report: 31 December). Three queries."""
    from .models import StatusUpdate

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


def course(
    commitments: QuerySet,
    *,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
    step: str | None = None,
    include_today: bool = True,
    irm_report: str = DEFAULT_IRM_REPORT,
) -> list[tuple[datetime.date, CompletionFigures]]:
    """The group's figures over time, by the as-of definition: on each day something changed (and
    today, unless `include_today` is off), or with step="month" at the end of every month from the
    first change; oldest first. One query per point, plus three."""
    today = timezone.localdate()
    changes = change_dates(commitments)
    if step == "month" and changes:
        days, month = [], changes[0].replace(day=1)
        while month <= today:
            following = (month + datetime.timedelta(days=32)).replace(day=1)
            days.append(min(following - datetime.timedelta(days=1), today))
            month = following
    else:
        days = sorted({*changes, today} if include_today else set(changes))
    days = [d for d in days if (since is None or d >= since) and (until is None or d <= until)]
    return [(day, completion_figures(commitments, day=day, irm_report=irm_report)) for day in days]


def started_by(day: datetime.date) -> Q:
    """Commitments counted on `day`: from their plan's start date (without one, from the first day
    of the year the plan was submitted; with neither, always)."""
    return (
        Q(action_plan__start_date__lte=day)
        | Q(action_plan__start_date__isnull=True, action_plan__submission_year__lte=day.year)
        | Q(action_plan__start_date__isnull=True, action_plan__submission_year__isnull=True)
    )


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

    from .models import StatusUpdate

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
    else:  # no IRM app: nobody rated
        irm_sql, irm_params = (
            "SELECT NULL AS i_commitment, NULL AS i_level, NULL AS i_kind, "
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
    Never a snapshot: the same records give the same figures for any day."""
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


def _day(value: Any) -> Any:
    """A date from the database (SQLite gives raw queries' dates back as text)."""
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def as_of(commitments: QuerySet, day: datetime.date) -> QuerySet:
    """The commitments counted on `day` (their plan had started)."""
    return commitments.filter(started_by(day))


_COUNT_NAMES = tuple(f"{track}__{key}" for track in TRACKS for key in FIGURE_KEYS)
_WIDTH = len(FIGURE_KEYS)
_IRM_AT = list(TRACKS).index("irm") * _WIDTH
# Each track's level column in the records' SQL (`_records_sql`).
_TRACK_COLUMNS = {"government": "g.s_level", "civil_society": "s.s_level", "irm": "i.i_level"}


def _tally(rows: Iterable[Sequence[Any]], irm_report: str) -> CompletionFigures:
    """Figures from (kind, published_on, year, counts...) rows: the IRM report the IRM levels come
    from (blank: none) and the commitments at each level, in `_COUNT_NAMES` order."""
    totals: list[int] | None = None
    basis: dict[tuple, int] = {}
    for row in rows:
        row_counts = row[3:]
        totals = (
            list(row_counts)
            if totals is None
            else [a + b for a, b in zip(totals, row_counts, strict=True)]
        )
        if row[0]:
            report = (row[0], row[1], row[2])
            basis[report] = basis.get(report, 0) + sum(row_counts[_IRM_AT : _IRM_AT + _WIDTH])
    if totals is None:
        totals = [0] * len(_COUNT_NAMES)
    reports = tuple(
        BasisReport(kind, published_on, year, n)
        for (kind, published_on, year), n in sorted(
            basis.items(),
            key=lambda item: (
                item[0][1] or datetime.date(item[0][2] or 1, 12, 31),
                item[0][0],
            ),
        )
    )
    by_track = {
        name: TrackFigures(
            dict(zip(FIGURE_KEYS, totals[n * _WIDTH : (n + 1) * _WIDTH], strict=True))
        )
        for n, name in enumerate(TRACKS)
    }
    return CompletionFigures(**by_track, irm_basis=IrmBasis(irm_report, reports))


# The report each commitment's cached IRM level comes from (`levels_from_records`' basis columns).
CACHED_BASIS = ("irm_report_kind", "irm_report_published_on", "irm_report_year")


def _level_rows(
    commitments: QuerySet,
    day: datetime.date | None,
    irm_report: str | None,
    columns: Sequence[str] = (),
) -> list[tuple]:
    """(columns..., IRM report's kind, publication date, publication year, counts...) rows, one
    per group and IRM report, in one query: today's from the levels cached on each commitment (the
    latest status update, the latest published IRM rating and its report); with `day` or
    `irm_report`, from the dated records (`levels_from_records`)."""
    if day is not None or irm_report is not None:
        report = irm_report or DEFAULT_IRM_REPORT
        return levels_from_records(commitments, day=day, irm_report=report, columns=columns)
    grouped = commitments.order_by().values(*columns, *CACHED_BASIS).annotate(**_aggregates())
    return list(grouped.values_list(*columns, *CACHED_BASIS, *_COUNT_NAMES))


def completion_figures(
    commitments: QuerySet,
    *,
    day: datetime.date | None = None,
    irm_report: str | None = None,
) -> CompletionFigures:
    """Figures for one group of commitments, in one query, saying which IRM reports they come
    from; with `day` or `irm_report`, from the dated records (`levels_from_records`)."""
    rows = _level_rows(commitments, day, irm_report)
    return _tally(rows, irm_report or DEFAULT_IRM_REPORT)


@dataclass(frozen=True)
class GroupFigures:
    key: str
    label: str
    figures: CompletionFigures


def completion_by(
    commitments: QuerySet,
    grouping: str,
    *,
    day: datetime.date | None = None,
    irm_report: str | None = None,
) -> list[GroupFigures]:
    """Figures per group, in one query whatever the number of groups, saying which IRM reports
    they come from; with `day` or `irm_report`, from the dated records (`levels_from_records`)."""
    if grouping not in GROUPINGS:
        raise ValueError(f"Unknown grouping {grouping!r}; use one of {', '.join(GROUPINGS)}.")
    report = irm_report or DEFAULT_IRM_REPORT
    if grouping == "ogp_value":
        fields = list(OGP_VALUE_FIELDS.values())
        rows = _level_rows(commitments, day, irm_report, fields)
        width = len(fields)
        return [
            GroupFigures(
                str(value),
                str(value.label),
                _tally((row[width:] for row in rows if row[i]), report),
            )
            for i, value in enumerate(OGP_VALUE_FIELDS)
        ]
    key_path, label_path = GROUPINGS[grouping]
    groups: dict[str, tuple[str, list[tuple]]] = {}
    # Commitments outside every group (no lead organisation, no policy area) are skipped here, not
    # excluded in SQL: a filter would narrow the records' derived tables by a semi-join for nothing.
    for key, label, *levels in _level_rows(commitments, day, irm_report, (key_path, label_path)):
        if key is not None:
            groups.setdefault(key, (label or key, []))[1].append(levels)
    return [
        GroupFigures(key, label, _tally(levels, report))
        for key, (label, levels) in sorted(groups.items())
    ]


def figures_by_key(groups: Iterable[GroupFigures]) -> dict[str, CompletionFigures]:
    return {group.key: group.figures for group in groups}
