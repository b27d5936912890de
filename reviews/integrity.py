"""Plan-integrity warnings: the ways a plan can fail that a completion rate does not show.

Computed, never stored, from the facts `reviews.integrity_facts` fetches for any number of plans in
a constant number of queries. Each warning is a small rule over those facts, returning a `PlanWarning`
with the facts behind it. Lives in `reviews` because one warning reads the IRM's specificity
ratings; everything else comes from `commitments`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, ngettext_lazy

from commitments.models import ActionPlan, ConsultationEvent, PlanProcess, Proposal

from .integrity_facts import PlanFacts, plan_facts

HIGH = "high"
MEDIUM = "medium"


@dataclass(frozen=True)
class PlanWarning:
    code: str
    severity: str
    title: str
    message: str
    facts: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def retroactive_approval(facts: PlanFacts) -> PlanWarning | None:
    plan = facts.plan
    if not (plan.approval_date and plan.start_date and plan.approval_date > plan.start_date):
        return None
    gap = (plan.approval_date - plan.start_date).days
    return PlanWarning(
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


def low_specificity(facts: PlanFacts) -> PlanWarning | None:
    c = facts.commitments
    if not c.low_specificity:
        return None
    share = c.low_specificity / c.rated_specificity
    return PlanWarning(
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


def single_office(facts: PlanFacts) -> PlanWarning | None:
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
    return PlanWarning(
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


def priority_proposals_dropped(facts: PlanFacts) -> PlanWarning | None:
    summary = facts.proposals
    left_out = [p for p in summary.priority_proposals if p.left_out]
    if not left_out:
        return None
    return PlanWarning(
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


@dataclass(frozen=True)
class CommitmentGap:
    """A warning that some of the plan's commitments lack something (`key`, a count of
    CommitmentFacts), naming them; `message` is plural-aware on its `count`."""

    key: str
    title: Promise
    message: Promise
    code: str = ""

    def __call__(self, facts: PlanFacts) -> PlanWarning | None:
        c = facts.commitments
        count = getattr(c, self.key)
        if not count:
            return None
        key = self.key
        return PlanWarning(
            code=self.code or (f"commitments_{key}" if key.startswith("without") else key),
            severity=MEDIUM,
            title=str(self.title),
            message=self.message % {"count": count, "total": c.total},
            facts={"count": count, "total": c.total, "commitments": list(c.ids.get(key, []))},
        )


commitments_without_milestones = CommitmentGap(
    "without_milestone",
    gettext_lazy("Commitments with no milestone"),
    ngettext_lazy(
        "%(count)d of %(total)d commitments has no milestone.",
        "%(count)d of %(total)d commitments have no milestone.",
        "count",
    ),
)
commitments_without_indicators = CommitmentGap(
    "without_indicator",
    gettext_lazy("Commitments with no indicator"),
    ngettext_lazy(
        "%(count)d of %(total)d commitments has no indicator to measure it by.",
        "%(count)d of %(total)d commitments have no indicator to measure them by.",
        "count",
    ),
)
indicators_without_source = CommitmentGap(
    "unsourced_indicator",
    gettext_lazy("Indicators with no way to obtain their value"),
    ngettext_lazy(
        "%(count)d of %(total)d commitments has an indicator with no data source or no stated "
        "way to obtain its value.",
        "%(count)d of %(total)d commitments have an indicator with no data source or no stated "
        "way to obtain its value.",
        "count",
    ),
    code="indicators_without_source",
)
commitments_without_lead = CommitmentGap(
    "without_lead",
    gettext_lazy("Commitments with no lead organisation"),
    ngettext_lazy(
        "%(count)d of %(total)d commitments has no lead organisation.",
        "%(count)d of %(total)d commitments have no lead organisation.",
        "count",
    ),
)
ended_without_final_status = CommitmentGap(
    "ended_without_final_status",
    gettext_lazy("Commitments past their end date with no final status"),
    ngettext_lazy(
        "%(count)d of %(total)d commitments has passed its end date with no final status.",
        "%(count)d of %(total)d commitments have passed their end date with no final status.",
        "count",
    ),
)
completed_without_outcome_check = CommitmentGap(
    "outcome_unchecked",
    gettext_lazy("Completed commitments nobody checked after the plan"),
    ngettext_lazy(
        "%(count)d of %(total)d commitments was completed, but more than a year after the "
        "plan's end nobody has recorded whether it is still in force and applied.",
        "%(count)d of %(total)d commitments were completed, but more than a year after the "
        "plan's end nobody has recorded whether they are still in force and applied.",
        "count",
    ),
    code="completed_without_outcome_check",
)
carried_over_without_change = CommitmentGap(
    "carried_over_unchanged",
    gettext_lazy("Commitments carried over unchanged"),
    ngettext_lazy(
        "%(count)d of %(total)d commitments repeats a commitment of the previous plan word "
        "for word (same title and text).",
        "%(count)d of %(total)d commitments repeat a commitment of the previous plan word "
        "for word (same title and text).",
        "count",
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


def warnings_for_facts(facts: PlanFacts) -> list[PlanWarning]:
    """Every warning that fires on one plan's facts, most serious first."""
    found = [w for rule in RULES if (w := rule(facts)) is not None]
    return sorted(found, key=lambda w: w.severity != HIGH)


def warnings_for_plans(
    plans: Iterable[ActionPlan], *, today: datetime.date | None = None
) -> dict[int, list[PlanWarning]]:
    """Every warning for every plan given (plan id -> warnings, most serious first)."""
    return {
        plan_id: warnings_for_facts(facts)
        for plan_id, facts in plan_facts(plans, today=today).items()
    }


def warnings_for_plan(plan: ActionPlan, *, today: datetime.date | None = None) -> list[PlanWarning]:
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
