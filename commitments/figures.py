"""The one definition of the completion figures, used by every page, endpoint, export and task.

For a group of commitments (an action plan, a member, an organisation's led commitments, an OGP value,
a policy area) and for each track (the IRM's assessments, civil society's self-reports):

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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models.vocab import (
    FIGURE_KEYS,
    HIGH_COMPLETION_LEVELS,
    NO_DATA,
    OGP_VALUE_FIELDS,
    CompletionLevel,
)

DENOMINATOR_RULE = _(
    "Rates count every commitment in the group, including withdrawn, unclear and not yet assessed "
    "or reported ones. Complete rate: complete ÷ all commitments. High completion rate: "
    "(substantial + complete) ÷ all commitments."
)

AS_OF_RULE = _(
    "As of a day: a commitment counts from its plan's start; civil society's level is its latest "
    "status update dated on or before that day; the IRM's, its latest assessment in a report "
    "published on or before it (a report known only by its publication year counts from that "
    "year's last day)."
)

# Track name -> the cached Commitment field that holds that track's current level.
TRACKS: dict[str, str] = {"irm": "irm_completion", "self_reported": "self_reported_completion"}

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

    def as_dict(self) -> dict[str, Any]:
        return {
            **{str(key): self.counts[key] for key in FIGURE_KEYS},
            "complete_rate": self.complete_rate.as_dict(),
            "high_completion_rate": self.high_completion_rate.as_dict(),
        }


@dataclass(frozen=True)
class CompletionFigures:
    irm: TrackFigures
    self_reported: TrackFigures

    @property
    def commitment_count(self) -> int:
        return self.irm.total

    def track(self, name: str) -> TrackFigures:
        return getattr(self, name)

    def as_dict(self) -> dict[str, Any]:
        return {
            "irm": self.irm.as_dict(),
            "self_reported": self.self_reported.as_dict(),
            "denominator_rule": str(DENOMINATOR_RULE),
        }


# The same levels as they stood on a past day, annotated by `as_of()` under these names.
AS_OF_TRACKS: dict[str, str] = {
    "irm": "irm_level_as_of",
    "self_reported": "self_reported_level_as_of",
}


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

    return CompletionFigures(irm=track("irm"), self_reported=track("self_reported"))


def empty_figures() -> CompletionFigures:
    return figures_from_row(dict.fromkeys(_aggregates(), 0))


# --- As of a day: from the dated records themselves -----------------------------------------------

# The IRM's level of a commitment on a day (an expression over OuterRef("pk")): the IRM's app
# provides it (reviews.figures), which this app never imports.
IrmLevelAsOf = Callable[[datetime.date], Any]
IrmChangeDates = Callable[[QuerySet], Iterable[datetime.date]]
_irm_level_as_of: IrmLevelAsOf | None = None
_irm_change_dates: IrmChangeDates | None = None


def register_irm_level_as_of(provider: IrmLevelAsOf, change_dates: IrmChangeDates) -> None:
    """The IRM's level of a commitment on a day, and the days the IRM published on."""
    global _irm_level_as_of, _irm_change_dates
    _irm_level_as_of, _irm_change_dates = provider, change_dates


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
    return [(day, completion_figures(commitments, day=day)) for day in days]


def as_of(commitments: QuerySet, day: datetime.date) -> QuerySet:
    """The commitments as they stood on `day`, each track's level annotated (AS_OF_TRACKS).

    - A commitment counts from its plan's start date (without one, from the first day of the year
      the plan was submitted; with neither, always).
    - Civil society: its latest status update with an as-of date on or before `day`.
    - The IRM: its latest assessment rating completion in a report published on or before `day`
      (a report known only by its year counts from that year's last day).
    Never a snapshot: the same records give the same figures for any day."""
    from .models import StatusUpdate

    started = (
        Q(action_plan__start_date__lte=day)
        | Q(action_plan__start_date__isnull=True, action_plan__submission_year__lte=day.year)
        | Q(action_plan__start_date__isnull=True, action_plan__submission_year__isnull=True)
    )
    reported = (
        StatusUpdate.objects.filter(commitment=OuterRef("pk"), as_of__lte=day)
        .latest_first()
        .values("completion")[:1]
    )
    irm = _irm_level_as_of(day) if _irm_level_as_of else Value("")
    return commitments.filter(started).annotate(
        **{
            AS_OF_TRACKS["self_reported"]: Coalesce(Subquery(reported), Value("")),
            AS_OF_TRACKS["irm"]: Coalesce(irm, Value("")),
        }
    )


def _tally(levels: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Counts in the row shape `figures_from_row` reads, from (IRM level, civil society level)
    pairs; a blank level is "no data"."""
    counts = dict.fromkeys(_aggregates(), 0)
    for irm, reported in levels:
        counts[f"irm__{irm or NO_DATA}"] += 1
        counts[f"self_reported__{reported or NO_DATA}"] += 1
    return counts


def _levels_as_of(commitments: QuerySet, day: datetime.date, *columns: str) -> QuerySet:
    """One query: each commitment's `columns` and both levels as of `day`. Counted in Python:
    inside SQL, every conditional count would evaluate the levels' subqueries again."""
    return as_of(commitments, day).order_by().values_list(*columns, *AS_OF_TRACKS.values())


def completion_figures(
    commitments: QuerySet, *, day: datetime.date | None = None
) -> CompletionFigures:
    """Figures for one group of commitments, in one query; with `day`, as they stood then."""
    if day is not None:
        return figures_from_row(_tally(_levels_as_of(commitments, day)))
    return figures_from_row(commitments.order_by().aggregate(**_aggregates()))


@dataclass(frozen=True)
class GroupFigures:
    key: str
    label: str
    figures: CompletionFigures


def completion_by(
    commitments: QuerySet, grouping: str, *, day: datetime.date | None = None
) -> list[GroupFigures]:
    """Figures per group, by SQL aggregation: one query whatever the number of groups; with `day`,
    as they stood then (`as_of`)."""
    if grouping not in GROUPINGS:
        raise ValueError(f"Unknown grouping {grouping!r}; use one of {', '.join(GROUPINGS)}.")
    if day is not None:
        return _completion_by_as_of(commitments, grouping, day)
    if grouping == "ogp_value":
        row = commitments.order_by().aggregate(
            **{
                k: v
                for value, field in OGP_VALUE_FIELDS.items()
                for k, v in _aggregates(f"{value}__", Q(**{field: True})).items()
            }
        )
        return [
            GroupFigures(str(value), str(value.label), figures_from_row(row, f"{value}__"))
            for value in OGP_VALUE_FIELDS
        ]
    key_path, label_path = GROUPINGS[grouping]
    rows = (
        commitments.order_by()
        .exclude(**{f"{key_path}__isnull": True})
        .values(key_path, label_path)
        .annotate(**_aggregates())
        .order_by(key_path)
    )
    return [
        GroupFigures(row[key_path], row[label_path] or row[key_path], figures_from_row(row))
        for row in rows
    ]


def _completion_by_as_of(
    commitments: QuerySet, grouping: str, day: datetime.date
) -> list[GroupFigures]:
    if grouping == "ogp_value":
        fields = list(OGP_VALUE_FIELDS.values())
        rows = list(_levels_as_of(commitments, day, *fields))
        return [
            GroupFigures(
                str(value),
                str(value.label),
                figures_from_row(_tally(row[-2:] for row in rows if row[i])),
            )
            for i, value in enumerate(OGP_VALUE_FIELDS)
        ]
    key_path, label_path = GROUPINGS[grouping]
    groups: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    rows = _levels_as_of(
        commitments.exclude(**{f"{key_path}__isnull": True}), day, key_path, label_path
    )
    for key, label, irm, reported in rows:
        groups.setdefault(key, (label or key, []))[1].append((irm, reported))
    return [
        GroupFigures(key, label, figures_from_row(_tally(levels)))
        for key, (label, levels) in sorted(groups.items())
    ]


def figures_by_key(groups: Iterable[GroupFigures]) -> dict[str, CompletionFigures]:
    return {group.key: group.figures for group in groups}
