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

What a figure is lives in `commitments.figures.values`; the figures as of a day, from the dated
records, in `commitments.figures.as_of`.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ..models.plans import ActionPlan
from ..models.vocab import FIGURE_KEYS, NO_DATA, OGP_VALUE_FIELDS
from .as_of import change_dates, levels_from_records
from .values import (
    DEFAULT_IRM_REPORT,
    TRACKS,
    BasisReport,
    CompletionFigures,
    GroupFigures,
    IrmBasis,
    LatestReport,
    TrackDates,
    TrackFigures,
)

# Grouping name -> the values() path that identifies a group and those its label is made of
# (`group_label`'s values, by name).
GROUPINGS: dict[str, tuple[str, dict[str, str]]] = {
    "member": ("action_plan__member__code", {"name": "action_plan__member__name"}),
    "action_plan": ("action_plan__ogp_id", ActionPlan.name_paths("action_plan__")),
    "organization": ("lead_organization__slug", {"name": "lead_organization__name"}),
    "policy_area": ("policy_areas__slug", {"name": "policy_areas__name"}),
    "ogp_value": ("", {}),  # four boolean columns, handled apart
}


def group_label(grouping: str, values: Mapping[str, Any]) -> str:
    """A group's label from the values its `GROUPINGS` paths read: a plan's name (its title, or
    its member, number and years when it has none), otherwise the one name."""
    if grouping == "action_plan":
        return ActionPlan.name_of(**values)
    return values["name"]


def _aggregates() -> dict[str, Count]:
    """Conditional counts, one per track and level, named `{track}__{key}`."""
    aggregates = {}
    for track, field in TRACKS.items():
        for key in FIGURE_KEYS:
            condition = Q(**{field: "" if key == NO_DATA else key})
            aggregates[f"{track}__{key}"] = Count("pk", filter=condition)
    return aggregates


def figures_from_row(row: Mapping[str, Any]) -> CompletionFigures:
    def track(name: str) -> TrackFigures:
        return TrackFigures({key: row[f"{name}__{key}"] or 0 for key in FIGURE_KEYS})

    return CompletionFigures(**{name: track(name) for name in TRACKS})


def empty_figures(
    irm_report: str | None = None, day: datetime.date | None = None
) -> CompletionFigures:
    """No commitment, saying on which IRM basis (`day` changes nothing: no commitment is none)."""
    return _tally((), irm_report or DEFAULT_IRM_REPORT)


# The latest published IRM report of each plan: `provider(plan_ids)` -> {plan id: LatestReport}.
IrmLatestReports = Callable[[Iterable[int]], "dict[int, LatestReport]"]
_irm_latest_reports: IrmLatestReports | None = None


def register_irm_latest_reports(provider: IrmLatestReports) -> None:
    global _irm_latest_reports
    _irm_latest_reports = provider


def track_dates(plan_ids: Iterable[int]) -> dict[int, TrackDates]:
    """TrackDates per plan id (plans without any are left out). Two queries."""
    from django.db.models import Max

    from ..models import Commitment

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


_COUNT_NAMES = tuple(f"{track}__{key}" for track in TRACKS for key in FIGURE_KEYS)
_WIDTH = len(FIGURE_KEYS)
_IRM_AT = list(TRACKS).index("irm") * _WIDTH


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
    key_path, label_paths = GROUPINGS[grouping]
    columns = (key_path, *label_paths.values())
    groups: dict[str, tuple[str, list[tuple]]] = {}
    # Commitments outside every group (no lead organisation, no policy area) are skipped here, not
    # excluded in SQL: a filter would narrow the records' derived tables by a semi-join for nothing.
    width = len(label_paths)
    for key, *row in _level_rows(commitments, day, irm_report, columns):
        if key is None:
            continue
        if key not in groups:
            label = group_label(grouping, dict(zip(label_paths, row[:width], strict=True)))
            groups[key] = (label or key, [])
        groups[key][1].append(row[width:])
    return [
        GroupFigures(key, label, _tally(levels, report))
        for key, (label, levels) in sorted(groups.items())
    ]


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
