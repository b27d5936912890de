"""Indicator readings: who may record them, and the one entry point that does.

Readings follow the rules of civil-society status updates: append-only (a correction is a newer
reading that points at the one it corrects), written by a permitted user, with that user's organisation
recorded. The co-creation summary (how many civil-society proposals were adopted, merged, altered,
dropped or never answered) is defined here once for the plan page and the API."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Commitment, Indicator, IndicatorReading, Proposal
from ..models.vocab import AS_OF_IN_FUTURE, past_date_problem
from ..permissions import can_report_on, is_in_group, user_organization
from ..reports.services import ReportChecks
from ..roles import EDITOR
from ..services import authorship_columns

# A reading's evidence is an optional link.
READING_CHECKS = ReportChecks(
    about="indicator", other=gettext_lazy("A correction must be about the same indicator.")
)


def can_record_reading(user, commitment: Commitment) -> bool:
    """A civil-society editor monitoring the commitment, or a person of its lead organisation who
    holds the editor role. Anyone else, fail closed."""
    if can_report_on(user, commitment):
        return True
    if not (user.is_authenticated and user.is_active):
        return False
    if not is_in_group(user, EDITOR) or not user.has_perm("commitments.add_statusupdate"):
        return False
    organization = user_organization(user)
    return organization is not None and organization.pk == commitment.lead_organization_id


def check_can_record_reading(user, commitment: Commitment) -> None:
    """Raise PermissionDenied, with the reason the 403 page shows, unless `user` may record readings
    of `commitment`: the reading page before its form, and the service before it writes."""
    if not can_record_reading(user, commitment):
        raise PermissionDenied(
            _(
                "Only the commitment's lead organisation or a civil-society organisation "
                "monitoring it may report indicator readings."
            )
        )


def _as_decimal(value: object) -> Decimal | None:
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or abs(number) >= Decimal("1e10"):
        return None
    return number.quantize(Decimal("0.0001"))


def record_indicator_reading(
    *,
    indicator: Indicator,
    author,
    value: Decimal | str | int | float,
    as_of: datetime.date,
    evidence_url: str = "",
    note: str = "",
    corrects: IndicatorReading | None = None,
) -> IndicatorReading:
    """Append a reading of an indicator. Raises PermissionDenied or ValidationError; writes nothing then."""
    check_can_record_reading(author, indicator.commitment)
    errors: dict[str, list[str]] = {}
    number = _as_decimal(value)
    if number is None:
        errors["value"] = [_("Enter a number (up to ten digits before the decimal point).")]
    if problem := past_date_problem(as_of, future=AS_OF_IN_FUTURE):
        errors["as_of"] = [problem]
    READING_CHECKS.refuse(errors, corrects, indicator, evidence_url, None)
    with transaction.atomic():
        return IndicatorReading.objects.create(
            indicator=indicator,
            value=number,
            as_of=as_of,
            evidence_url=evidence_url,
            note=note,
            **authorship_columns(author, corrects),
        )


# --- Co-creation summary -----------------------------------------------------------------------------


@dataclass
class ProposalSummary:
    """What became of civil society's proposals for one plan."""

    total: int = 0
    adopted: int = 0
    merged: int = 0
    altered: int = 0
    dropped: int = 0
    unanswered: int = 0
    priority: int = 0
    priority_left_out: int = 0
    priority_proposals: list[Proposal] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        # Every count under its field's name; the priority proposals replaced by plain rows.
        return {
            **{f.name: getattr(self, f.name) for f in fields(self)},
            "priority_proposals": [
                {"id": p.pk, "title": p.title, "outcome": p.outcome, "left_out": p.left_out}
                for p in self.priority_proposals
            ],
        }


# Annotation names must not shadow the model's fields (`priority`), hence the prefix.
_OUTCOME_COUNTS = {
    f"n_{outcome.value}": Count("pk", filter=Q(outcome=outcome.value))
    for outcome in Proposal.Outcome
}


def proposal_summaries(plan_ids: Iterable[int]) -> dict[int, ProposalSummary]:
    """Civil society's proposals per plan, for any number of plans in two queries (counts, then the
    priority proposals themselves). Plans without proposals get an empty summary."""
    plan_ids = list(plan_ids)
    summaries = {pk: ProposalSummary() for pk in plan_ids}
    rows = (
        Proposal.objects.from_civil_society()
        .filter(action_plan_id__in=plan_ids)
        .order_by()
        .values("action_plan_id")
        .annotate(
            n_total=Count("pk"),
            n_priority=Count("pk", filter=Q(priority=True)),
            n_priority_left_out=Count("pk", filter=Q(priority=True, outcome__in=Proposal.LEFT_OUT)),
            **_OUTCOME_COUNTS,
        )
    )
    for row in rows:
        plan_id = row.pop("action_plan_id")
        summaries[plan_id] = ProposalSummary(**{k.removeprefix("n_"): v for k, v in row.items()})
    # In the model's order, which for priority proposals is plan, then pk: each plan's in pk order.
    for proposal in Proposal.objects.from_civil_society().filter(
        action_plan_id__in=plan_ids, priority=True
    ):
        summaries[proposal.action_plan_id].priority_proposals.append(proposal)
    return summaries
