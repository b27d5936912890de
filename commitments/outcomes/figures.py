"""Did it last? The one definition of the outcome figure, and of when outcome checks open.

- A commitment is **completed** when the IRM or civil society rates it complete (COMPLETED_BY: the
  government's own self-assessment does not make a commitment count as completed here): now, from
  the cached current levels (`figures.TRACKS`); on a past day, from each track's level as of that
  day (`figures.as_of`).
- Its **outcome on a day** is the verdict of its latest outcome check dated on or before that day
  (by check date, then time recorded), a check a later one corrects never counting: the same as-of
  rule as every other figure.
- The figure: of the N commitments completed, K still in force and applied on day D, with the date
  of the latest check counted, and the coverage (how many of the N have any check by D). Rates are
  numerator and denominator, never a bare percentage.

Checks open once the commitment's plan has ended (`ActionPlan.status_on`) or the commitment is
completed. Kept apart from `commitments.figures.counting` so that module stays about completion.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..figures.as_of import commitment_levels
from ..figures.values import TRACKS, Rate
from ..models import ActionPlan, Commitment, CompletionLevel, OutcomeCheck, OutcomeVerdict

NO_CHECK = "no_check"
# The tracks whose "complete" makes a commitment count as completed in the outcome figure: the
# independent voices, not the government's claim about itself.
COMPLETED_BY: tuple[str, ...] = ("civil_society", "irm")

OUTCOME_RULE = _(
    "Completed: rated complete by the IRM or by civil society (on a past day, as they stood that "
    "day). Outcome: the verdict of the latest outcome check dated on or before the day. Still in "
    "force and applied ÷ all completed commitments; coverage: completed commitments with any check "
    "÷ all completed commitments."
)

# How long after a plan's end a completed commitment may go without any outcome check.
CHECK_DUE_AFTER = datetime.timedelta(days=365)


# --- When checks open --------------------------------------------------------------------------------


def completed_now() -> Q:
    """Commitments the IRM or civil society rates complete today (the cached current levels)."""
    return reduce(or_, (Q(**{TRACKS[track]: CompletionLevel.COMPLETE}) for track in COMPLETED_BY))


def completed_on(commitments: QuerySet, day: datetime.date) -> list[Any]:
    """The pks of the commitments a track rated complete on `day` (`figures.commitment_levels`,
    the one as-of definition: one query)."""
    return [
        pk
        for pk, levels in commitment_levels(commitments, day=day)
        if CompletionLevel.COMPLETE in (levels.self_reported, levels.irm)  # COMPLETED_BY
    ]


def is_completed(commitment: Commitment) -> bool:
    return any(
        getattr(commitment, TRACKS[track]) == CompletionLevel.COMPLETE for track in COMPLETED_BY
    )


def plan_end_day(plan: ActionPlan) -> datetime.date | None:
    """The plan's last day: its end date, else the last day of its end year."""
    if plan.end_date:
        return plan.end_date
    return datetime.date(plan.end_year, 12, 31) if plan.end_year else None


def plan_has_ended(plan: ActionPlan, *, today: datetime.date | None = None) -> bool:
    status = ActionPlan.status_on(
        plan.status,
        start=plan.start_date,
        end=plan.end_date,
        end_year=plan.end_year,
        submission_year=plan.submission_year,
        today=today or timezone.localdate(),
    )
    return status == ActionPlan.Status.ENDED


def checks_open(commitment: Commitment, *, today: datetime.date | None = None) -> bool:
    """Outcome checks may be recorded once the plan has ended or the commitment is completed."""
    return is_completed(commitment) or plan_has_ended(commitment.action_plan, today=today)


def check_overdue(today: datetime.date) -> Q:
    """Completed commitments with no outcome check although their plan ended more than a year
    (CHECK_DUE_AFTER) before `today`. A condition over Commitment rows: one query for any plans."""
    cutoff = today - CHECK_DUE_AFTER
    ended_long_ago = Q(action_plan__end_date__lt=cutoff) | Q(
        action_plan__end_date__isnull=True, action_plan__end_year__lt=cutoff.year
    )
    unchecked = ~Exists(OutcomeCheck.objects.filter(commitment=OuterRef("pk")))
    return completed_now() & ended_long_ago & unchecked


# --- The figure --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeFigures:
    day: datetime.date
    completed: int = 0
    # Latest verdict per completed commitment (NO_CHECK when it has none by `day`).
    verdicts: dict[str, int] = field(default_factory=dict)
    last_checked_on: datetime.date | None = None

    @property
    def checked(self) -> int:
        return self.completed - self.verdicts.get(NO_CHECK, 0)

    @property
    def in_force_applied(self) -> Rate:
        return Rate(self.verdicts.get(OutcomeVerdict.IN_FORCE_APPLIED, 0), self.completed)

    @property
    def coverage(self) -> Rate:
        return Rate(self.checked, self.completed)

    def verdict_rows(self) -> list[tuple[str, str, int]]:
        """(key, label, count) in the vocabulary's order, then "no check"; for the page."""
        rows = [(v.value, str(v.label), self.verdicts.get(v.value, 0)) for v in OutcomeVerdict]
        return [*rows, (NO_CHECK, str(_("No check yet")), self.verdicts.get(NO_CHECK, 0))]

    def as_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.day.isoformat(),
            "completed": self.completed,
            "in_force_applied": self.in_force_applied.as_dict(),
            "coverage": self.coverage.as_dict(),
            "last_checked_on": self.last_checked_on.isoformat() if self.last_checked_on else None,
            "verdicts": {
                **{v.value: self.verdicts.get(v.value, 0) for v in OutcomeVerdict},
                NO_CHECK: self.verdicts.get(NO_CHECK, 0),
            },
            "rule": str(OUTCOME_RULE),
        }


def _completed_rows(commitments: QuerySet, day: datetime.date | None, *columns: str) -> QuerySet:
    """One query: the completed commitments' `columns`, latest verdict and its date (as of `day`)."""
    checks = OutcomeCheck.objects.standing().filter(commitment=OuterRef("pk"))
    if day is None:
        completed = commitments.filter(completed_now())
    else:
        checks = checks.on_or_before(day)
        completed = commitments.filter(pk__in=completed_on(commitments, day))
    latest = checks.latest_first()
    return (
        completed.annotate(
            outcome_verdict=Subquery(latest.values("verdict")[:1]),
            outcome_checked_on=Subquery(latest.values("checked_on")[:1]),
        )
        .order_by()
        .values_list(*columns, "outcome_verdict", "outcome_checked_on")
    )


def _tally(day: datetime.date, rows: Iterable[tuple[str | None, datetime.date | None]]):
    verdicts: dict[str, int] = defaultdict(int)
    completed, last = 0, None
    for verdict, checked_on in rows:
        completed += 1
        verdicts[verdict or NO_CHECK] += 1
        if checked_on is not None and (last is None or checked_on > last):
            last = checked_on
    return OutcomeFigures(
        day=day, completed=completed, verdicts=dict(verdicts), last_checked_on=last
    )


def outcome_figures(commitments: QuerySet, *, day: datetime.date | None = None) -> OutcomeFigures:
    """The outcome figure of a group of commitments, in one query; with `day`, as it stood then."""
    return _tally(day or timezone.localdate(), _completed_rows(commitments, day))


def outcome_figures_by_plan(
    commitments: QuerySet, *, day: datetime.date | None = None
) -> dict[Any, OutcomeFigures]:
    """The figure per action plan (plan pk -> figures), in one query whatever the number of plans.
    Plans with no completed commitment are absent: use `OutcomeFigures(day)` for them."""
    grouped: dict[Any, list[tuple]] = defaultdict(list)
    for plan_id, verdict, checked_on in _completed_rows(commitments, day, "action_plan_id"):
        grouped[plan_id].append((verdict, checked_on))
    on = day or timezone.localdate()
    return {plan_id: _tally(on, rows) for plan_id, rows in grouped.items()}
