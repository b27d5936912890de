"""Plan-integrity warnings: the ways a plan can fail that a completion rate does not show.

Computed, never stored, for any number of plans in a constant number of queries (aggregates with
`Count(filter=...)`, never a query per commitment). Each warning is a small function over facts
already fetched, returning a `Warning` with the facts behind it. Lives in `reviews` because one
warning reads the IRM's specificity ratings; everything else comes from `commitments`.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commitments.accountability_services import ProposalSummary, proposal_summaries
from commitments.lineage import carried_over_unchanged
from commitments.models import (
    ActionPlan,
    Commitment,
    ConsultationEvent,
    Indicator,
    Milestone,
    PlanProcess,
    Proposal,
)
from commitments.models.commitments import ended_without_final_status_q
from commitments.outcomes import check_overdue

from .models import Assessment, IRMReport, Specificity

HIGH = "high"
MEDIUM = "medium"

# Reports that say how a commitment ended (as opposed to mid-term progress).
FINAL_REPORT_KINDS = (
    IRMReport.Kind.END_OF_TERM,
    IRMReport.Kind.IMPLEMENTATION,
    IRMReport.Kind.RESULTS,
)
LOW_SPECIFICITY = (Specificity.LOW, Specificity.NONE)
# How many commitment ids a warning lists among its facts; the count is always complete.
MAX_LISTED = 50


@dataclass(frozen=True)
class Warning:
    code: str
    severity: str
    title: str
    message: str
    facts: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "title": self.title,
            "message": self.message,
            "facts": self.facts,
        }


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


# --- Fetching facts ----------------------------------------------------------------------------------


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


# --- The warnings, one small function each --------------------------------------------------------


def retroactive_approval(facts: PlanFacts) -> Warning | None:
    plan = facts.plan
    if not (plan.approval_date and plan.start_date and plan.approval_date > plan.start_date):
        return None
    gap = (plan.approval_date - plan.start_date).days
    return Warning(
        code="retroactive_approval",
        severity=HIGH,
        title=_("Approved after its own start date"),
        message=ngettext(
            "The plan was approved on %(approved)s but declared to start on %(start)s, "
            "%(gap)d day earlier.",
            "The plan was approved on %(approved)s but declared to start on %(start)s, "
            "%(gap)d days earlier.",
            gap,
        )
        % {
            # Dates in the reader's language inside a sentence; the facts keep ISO dates.
            "approved": date_format(plan.approval_date, "DATE_FORMAT"),
            "start": date_format(plan.start_date, "DATE_FORMAT"),
            "gap": gap,
        },
        facts={
            "approval_date": plan.approval_date.isoformat(),
            "start_date": plan.start_date.isoformat(),
            "gap_days": gap,
            "approval_instrument": plan.approval_instrument,
        },
    )


def _commitment_gap(
    facts: PlanFacts, key: str, title: str, message: str, code: str = ""
) -> Warning | None:
    c = facts.commitments
    count = getattr(c, key)
    if not count:
        return None
    return Warning(
        code=code or (f"commitments_{key}" if key.startswith("without") else key),
        severity=MEDIUM,
        title=title,
        message=message % {"count": count, "total": c.total},
        facts={"count": count, "total": c.total, "commitments": list(c.ids.get(key, []))},
    )


def commitments_without_milestones(facts: PlanFacts) -> Warning | None:
    count = facts.commitments.without_milestone
    return _commitment_gap(
        facts,
        "without_milestone",
        _("Commitments with no milestone"),
        ngettext(
            "%(count)d of %(total)d commitments has no milestone.",
            "%(count)d of %(total)d commitments have no milestone.",
            count,
        ),
    )


def commitments_without_indicators(facts: PlanFacts) -> Warning | None:
    count = facts.commitments.without_indicator
    return _commitment_gap(
        facts,
        "without_indicator",
        _("Commitments with no indicator"),
        ngettext(
            "%(count)d of %(total)d commitments has no indicator to measure it by.",
            "%(count)d of %(total)d commitments have no indicator to measure them by.",
            count,
        ),
    )


def indicators_without_source(facts: PlanFacts) -> Warning | None:
    count = facts.commitments.unsourced_indicator
    return _commitment_gap(
        facts,
        "unsourced_indicator",
        _("Indicators with no way to obtain their value"),
        ngettext(
            "%(count)d of %(total)d commitments has an indicator with no data source or no stated "
            "way to obtain its value.",
            "%(count)d of %(total)d commitments have an indicator with no data source or no stated "
            "way to obtain its value.",
            count,
        ),
        code="indicators_without_source",
    )


def commitments_without_lead(facts: PlanFacts) -> Warning | None:
    count = facts.commitments.without_lead
    return _commitment_gap(
        facts,
        "without_lead",
        _("Commitments with no lead organisation"),
        ngettext(
            "%(count)d of %(total)d commitments has no lead organisation.",
            "%(count)d of %(total)d commitments have no lead organisation.",
            count,
        ),
    )


def low_specificity(facts: PlanFacts) -> Warning | None:
    c = facts.commitments
    if not c.low_specificity:
        return None
    share = c.low_specificity / c.rated_specificity
    return Warning(
        code="low_specificity",
        severity=HIGH if share >= 0.5 else MEDIUM,
        title=_("Commitments the IRM rated low or no specificity"),
        message=_(
            "The IRM rated %(count)d of the %(rated)d commitments it assessed (%(percent)d%%) low "
            "or no specificity: they were not written so that progress can be checked."
        )
        % {"count": c.low_specificity, "rated": c.rated_specificity, "percent": round(share * 100)},
        facts={
            "count": c.low_specificity,
            "rated": c.rated_specificity,
            "total": c.total,
            "share": round(share, 4),
            "commitments": list(c.ids.get("low_specificity", [])),
        },
    )


def ended_without_final_status(facts: PlanFacts) -> Warning | None:
    count = facts.commitments.ended_without_final_status
    return _commitment_gap(
        facts,
        "ended_without_final_status",
        _("Commitments past their end date with no final status"),
        ngettext(
            "%(count)d of %(total)d commitments has passed its end date with no final status.",
            "%(count)d of %(total)d commitments have passed their end date with no final status.",
            count,
        ),
    )


def completed_without_outcome_check(facts: PlanFacts) -> Warning | None:
    count = facts.commitments.outcome_unchecked
    return _commitment_gap(
        facts,
        "outcome_unchecked",
        _("Completed commitments nobody checked after the plan"),
        ngettext(
            "%(count)d of %(total)d commitments was completed, but more than a year after the "
            "plan's end nobody has recorded whether it is still in force and applied.",
            "%(count)d of %(total)d commitments were completed, but more than a year after the "
            "plan's end nobody has recorded whether they are still in force and applied.",
            count,
        ),
        code="completed_without_outcome_check",
    )


def single_office(facts: PlanFacts) -> Warning | None:
    process = facts.process
    offices = facts.responsible_offices
    if len(offices) == 1:
        source = "plan"
    elif not offices and process is not None and process.irm_multi_agency is False:
        source = "irm_process_data"
    else:
        return None
    level = process.office_level if process is not None else ""
    level_label = str(process.get_office_level_display()) if level else ""
    office = offices[0] if offices else _("a single agency (IRM process data)")
    if level_label:
        message = _(
            "Responsibility for the whole plan sits with one office, %(office)s. Its level: "
            "%(level)s."
        ) % {"office": office, "level": level_label.lower()}
    else:
        message = _(
            "Responsibility for the whole plan sits with one office, %(office)s; its level is "
            "not recorded."
        ) % {"office": office}
    return Warning(
        code="single_office",
        severity=HIGH if level == PlanProcess.OfficeLevel.MID_LEVEL else MEDIUM,
        title=_("Responsibility with a single office"),
        message=message,
        facts={
            "offices": offices,
            "office_level": level,
            "office_level_label": level_label,
            "political_endorsement": process.political_endorsement if process else "",
            "source": source,
        },
    )


def priority_proposals_dropped(facts: PlanFacts) -> Warning | None:
    summary = facts.proposals
    left_out = [p for p in summary.priority_proposals if p.left_out]
    if not left_out:
        return None
    return Warning(
        code="priority_proposals_dropped",
        severity=HIGH,
        title=_("Civil society's priority proposals left out"),
        message=ngettext(
            "%(count)d proposal civil society marked as a priority was left out of the plan: "
            "%(titles)s.",
            "%(count)d proposals civil society marked as priorities were left out of the plan: "
            "%(titles)s.",
            len(left_out),
        )
        % {"count": len(left_out), "titles": "; ".join(p.title for p in left_out)},
        facts={
            "count": len(left_out),
            "priority": summary.priority,
            "proposals": [
                {
                    "id": p.pk,
                    "title": p.title,
                    "outcome": p.outcome,
                    "reasoned_response": bool(p.government_response),
                }
                for p in left_out
            ],
        },
    )


def carried_over_without_change(facts: PlanFacts) -> Warning | None:
    count = facts.commitments.carried_over_unchanged
    return _commitment_gap(
        facts,
        "carried_over_unchanged",
        _("Commitments carried over unchanged"),
        ngettext(
            "%(count)d of %(total)d commitments repeats a commitment of the previous plan word "
            "for word (same title and text).",
            "%(count)d of %(total)d commitments repeat a commitment of the previous plan word "
            "for word (same title and text).",
            count,
        ),
    )


RULES = (
    retroactive_approval,
    single_office,
    priority_proposals_dropped,
    low_specificity,
    commitments_without_milestones,
    commitments_without_indicators,
    indicators_without_source,
    commitments_without_lead,
    ended_without_final_status,
    completed_without_outcome_check,
    carried_over_without_change,
)


def warnings_for_facts(facts: PlanFacts) -> list[Warning]:
    """Every warning that fires on one plan's facts, most serious first."""
    found = [w for rule in RULES if (w := rule(facts)) is not None]
    return sorted(found, key=lambda w: w.severity != HIGH)


def warnings_for_plans(
    plans: Iterable[ActionPlan], *, today: datetime.date | None = None
) -> dict[int, list[Warning]]:
    """Every warning for every plan given (plan id -> warnings, most serious first)."""
    return {
        plan_id: warnings_for_facts(facts)
        for plan_id, facts in plan_facts(plans, today=today).items()
    }


def warnings_for_plan(plan: ActionPlan, *, today: datetime.date | None = None) -> list[Warning]:
    return warnings_for_plans([plan], today=today)[plan.pk]


def plan_context(plan: ActionPlan, *, today: datetime.date | None = None) -> dict[str, Any]:
    """What the accountability partials on a plan page need (templates/accountability/)."""
    facts = plan_facts([plan], today=today)[plan.pk]
    warnings = warnings_for_facts(facts)
    return {
        "integrity_warnings": warnings,
        "proposal_summary": facts.proposals,
        "plan_process": facts.process,
        "responsible_offices": facts.responsible_offices,
        "proposals": list(Proposal.objects.filter(action_plan=plan).for_list()),
        "consultation_events": list(ConsultationEvent.objects.filter(action_plan=plan).for_list()),
    }
