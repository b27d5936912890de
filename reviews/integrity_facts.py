"""The facts behind the plan-integrity warnings (`reviews.integrity`), for any number of plans in a
constant number of queries: aggregates with `Count(filter=...)`, never a query per commitment."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone

from commitments.accountability.services import ProposalSummary, proposal_summaries
from commitments.lineage import carried_over_unchanged
from commitments.models import ActionPlan, Commitment, Indicator, Milestone, PlanProcess
from commitments.models.commitments import ended_without_final_status_q
from commitments.outcomes.figures import check_overdue

from .models import Assessment, IRMReport, Specificity

# Reports that say how a commitment ended (as opposed to mid-term progress).
FINAL_REPORT_KINDS = (
    IRMReport.Kind.END_OF_TERM,
    IRMReport.Kind.IMPLEMENTATION,
    IRMReport.Kind.RESULTS,
)
LOW_SPECIFICITY = (Specificity.LOW, Specificity.NONE)
# How many commitment ids a warning lists among its facts; the count is always complete.
MAX_LISTED = 50


@dataclass
class CommitmentFacts:
    """Counts over one plan's commitments, plus the ids behind each count."""

    total: int = 0
    without_milestone: int = 0
    without_indicator: int = 0
    unsourced_indicator: int = 0
    without_lead: int = 0
    rated_specificity: int = 0
    low_specificity: int = 0
    ended_without_final_status: int = 0
    outcome_unchecked: int = 0
    carried_over_unchanged: int = 0
    ids: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


@dataclass
class PlanFacts:
    plan: ActionPlan
    commitments: CommitmentFacts
    process: PlanProcess | None
    responsible_offices: list[str]
    proposals: ProposalSummary


def _commitment_flags(today: datetime.date) -> dict[str, Any]:
    latest_specificity = (
        Assessment.objects.published()
        .filter(commitment=OuterRef("pk"))
        .exclude(specificity="")
        .latest_first()
        .values("specificity")[:1]
    )
    final_irm = (
        Assessment.objects.published()
        .filter(commitment=OuterRef("pk"), report__kind__in=FINAL_REPORT_KINDS)
        .exclude(completion="")
    )
    return {
        "no_milestone": ~Exists(Milestone.objects.filter(commitment=OuterRef("pk"))),
        "no_indicator": ~Exists(Indicator.objects.filter(commitment=OuterRef("pk"))),
        # An indicator nobody can feed: no data source, or no stated way to obtain the value.
        "unsourced": Exists(
            Indicator.objects.filter(commitment=OuterRef("pk")).filter(
                Q(data_source="") | Q(method="")
            )
        ),
        "no_lead": Q(lead_organization__isnull=True),
        "spec": Subquery(latest_specificity),
        "ended_open": ended_without_final_status_q(today, final_elsewhere=Q(Exists(final_irm))),
        # Completed, plan over for more than a year, and nobody checked whether it lasted.
        "outcome_unchecked": check_overdue(today),
        # Named as a predecessor's continuation, with the previous plan's title and text unchanged.
        "carried_over": carried_over_unchanged(),
    }


def _fetch_commitment_facts(
    plan_ids: Sequence[int], today: datetime.date
) -> dict[int, CommitmentFacts]:
    """Two queries: the counts per plan, then the ids of the flagged commitments."""
    flags = _commitment_flags(today)
    annotated = Commitment.objects.filter(action_plan_id__in=plan_ids).annotate(spec=flags["spec"])
    rows = (
        annotated.order_by()
        .values("action_plan_id")
        .annotate(
            total=Count("pk"),
            without_milestone=Count("pk", filter=flags["no_milestone"]),
            without_indicator=Count("pk", filter=flags["no_indicator"]),
            unsourced_indicator=Count("pk", filter=flags["unsourced"]),
            without_lead=Count("pk", filter=flags["no_lead"]),
            rated_specificity=Count("pk", filter=Q(spec__isnull=False)),
            low_specificity=Count("pk", filter=Q(spec__in=LOW_SPECIFICITY)),
            ended_without_final_status=Count("pk", filter=flags["ended_open"]),
            outcome_unchecked=Count("pk", filter=flags["outcome_unchecked"]),
            carried_over_unchanged=Count("pk", filter=flags["carried_over"]),
        )
    )
    facts = {pk: CommitmentFacts() for pk in plan_ids}
    for row in rows:
        plan_id = row.pop("action_plan_id")
        facts[plan_id] = CommitmentFacts(**row)
    flagged = (
        annotated.annotate(
            f_no_milestone=flags["no_milestone"],
            f_no_indicator=flags["no_indicator"],
            f_unsourced=flags["unsourced"],
            f_ended_open=flags["ended_open"],
            f_outcome_unchecked=flags["outcome_unchecked"],
            f_carried_over=flags["carried_over"],
        )
        .filter(
            Q(f_no_milestone=True)
            | Q(f_no_indicator=True)
            | Q(f_unsourced=True)
            | Q(lead_organization__isnull=True)
            | Q(spec__in=LOW_SPECIFICITY)
            | Q(f_ended_open=True)
            | Q(f_outcome_unchecked=True)
            | Q(f_carried_over=True)
        )
        .order_by("action_plan_id", "ogp_id")
        .values_list(
            "action_plan_id",
            "ogp_id",
            "f_no_milestone",
            "f_no_indicator",
            "f_unsourced",
            "lead_organization_id",
            "spec",
            "f_ended_open",
            "f_outcome_unchecked",
            "f_carried_over",
        )
    )
    for (
        plan_id,
        ogp_id,
        no_ms,
        no_ind,
        unsourced,
        lead_id,
        spec,
        ended_open,
        unchecked,
        carried,
    ) in flagged:
        ids = facts[plan_id].ids
        for key, flagged_here in (
            ("without_milestone", no_ms),
            ("without_indicator", no_ind),
            ("unsourced_indicator", unsourced),
            ("without_lead", lead_id is None),
            ("low_specificity", spec in LOW_SPECIFICITY),
            ("ended_without_final_status", ended_open),
            ("outcome_unchecked", unchecked),
            ("carried_over_unchanged", carried),
        ):
            if flagged_here and len(ids[key]) < MAX_LISTED:
                ids[key].append(ogp_id)
    return facts


def _fetch_processes(
    plan_ids: Sequence[int],
) -> tuple[dict[int, PlanProcess], dict[int, list[str]]]:
    """Two queries: each plan's process row, then the names of its responsible offices."""
    processes = {
        p.action_plan_id: p for p in PlanProcess.objects.filter(action_plan_id__in=plan_ids)
    }
    offices: dict[int, list[str]] = defaultdict(list)
    through = PlanProcess.responsible_organizations.through
    for plan_id, name in (
        through.objects.filter(planprocess__action_plan_id__in=plan_ids)
        .order_by("organization__name")
        .values_list("planprocess__action_plan_id", "organization__name")
    ):
        offices[plan_id].append(name)
    return processes, offices


def plan_facts(
    plans: Iterable[ActionPlan], *, today: datetime.date | None = None
) -> dict[int, PlanFacts]:
    """Everything the warnings need for these plans, in six queries whatever their number."""
    plans = list(plans)
    plan_ids = [p.pk for p in plans]
    today = today or timezone.localdate()
    commitments = _fetch_commitment_facts(plan_ids, today)
    processes, offices = _fetch_processes(plan_ids)
    proposals = proposal_summaries(plan_ids)
    return {
        p.pk: PlanFacts(
            plan=p,
            commitments=commitments[p.pk],
            process=processes.get(p.pk),
            responsible_offices=offices.get(p.pk, []),
            proposals=proposals[p.pk],
        )
        for p in plans
    }
