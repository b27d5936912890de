"""OGP's minimum requirements, checked live for each plan from the records the tracker keeps.

Each requirement is met, not met or unknown, with the facts behind it. "Unknown" is said whenever
the records cannot tell (no forum recorded, a forum whose meetings are not known, no status update
kept here, no proposal recorded, a plan without dates): never "met" for want of evidence.

- **forum**: the multi-stakeholder forum met at least every six months over the plan's life (its
  start, or 1 January of its submission year, to its end or today). A meeting counts unless its
  attendance is recorded and shows nobody from outside government.
- **repository**: the plan's repository was updated at least every six months over the same span:
  the as-of dates of civil society's status updates that carry evidence.
- **reasoned_response**: every proposal left out of the plan (dropped or never answered) has the
  government's reasoned response.
- **commitments**: every commitment has a lead institution, a start and an end date, and at least
  one milestone, each with a due date to be verified against.

Computed, never stored, for any number of plans in four queries (plus the plans themselves): the
facts and the six-month rule are in commitments.requirements.facts.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ..models import ActionPlan, Proposal
from .facts import RequirementFacts, first_lapse, plan_window, requirement_facts

# How many commitment ids or meetings a requirement lists among its facts; counts are complete.
MAX_LISTED = 50
NON_GOVERNMENT = ("civil_society", "private_sector", "other")


class Status(models.TextChoices):
    MET = "met", gettext_lazy("Met")
    NOT_MET = "not_met", gettext_lazy("Not met")
    UNKNOWN = "unknown", gettext_lazy("Unknown")


CODES = ("forum", "repository", "reasoned_response", "commitments")

RULE = gettext_lazy(
    "Forum: met at least every six months from the plan's start to its end (or today); a meeting "
    "attended only by government does not count. Repository: a status update with evidence at "
    "least every six months over the same span. Reasoned response: every proposal dropped or never "
    "answered has the government's reasoned response. Commitments: each has a lead institution, "
    "start and end dates, and milestones with due dates. Unknown: the records cannot tell."
)


@dataclass(frozen=True)
class Requirement:
    code: str
    status: str
    title: str
    message: str
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


# --- The requirements, one small function each -------------------------------------------------------


def _window_facts(window: tuple[datetime.date, datetime.date] | None) -> dict[str, Any]:
    if window is None:
        return {"from": None, "to": None}
    return {"from": window[0].isoformat(), "to": window[1].isoformat()}


def _no_window(code: str, title: str, facts: RequirementFacts, extra: dict) -> Requirement:
    plan = facts.plan
    started = plan.start_date or plan.submission_year
    return Requirement(
        code=code,
        status=Status.UNKNOWN,
        title=title,
        message=(
            _("The plan has not started yet.")
            if started
            else _("The plan's start is not recorded, so the span to check is not known.")
        ),
        facts={"window": _window_facts(None), **extra},
    )


def _lapse_facts(lapse: tuple[datetime.date, datetime.date] | None) -> dict[str, Any] | None:
    if lapse is None:
        return None
    return {"from": lapse[0].isoformat(), "to": lapse[1].isoformat()}


def _every_six_months(
    code: str,
    title: str,
    facts: RequirementFacts,
    window: tuple[datetime.date, datetime.date] | None,
    days: Iterable[datetime.date],
    base: dict[str, Any],
    *,
    met: str,
    lapsed: str,
    lapse_unknown: str | None = None,
) -> Requirement:
    """The six-month rule over the plan's span: met when `days` leave no stretch of more than six
    months; else `lapsed` (formatted with the first such stretch), or `lapse_unknown` when the
    records cannot tell."""
    if window is None:
        return _no_window(code, title, facts, {"lapse": None, **base})
    lapse = first_lapse(*window, days)
    base = {"window": _window_facts(window), "lapse": _lapse_facts(lapse), **base}
    if lapse is None:
        return Requirement(code, Status.MET, title, met, base)
    if lapse_unknown is not None:
        return Requirement(code, Status.UNKNOWN, title, lapse_unknown, base)
    # The message is read by people (the plan page shows it): its days as every page writes them;
    # the facts keep them as ISO dates.
    start, end = (date_format(day, "DATE_FORMAT") for day in lapse)
    message = lapsed % {"start": start, "end": end}
    return Requirement(code, Status.NOT_MET, title, message, base)


def forum_met(facts: RequirementFacts, today: datetime.date) -> Requirement:
    title = _("A multi-stakeholder forum that meets at least every six months")
    window = plan_window(facts.plan, today)
    meetings = [m for m in facts.meetings if m["date"] <= today]
    government_only = [
        m
        for m in meetings
        if m["government"] is not None
        and all(m[sector] is not None for sector in NON_GOVERNMENT)
        and not any(m[sector] for sector in NON_GOVERNMENT)
    ]
    counted = [m["date"] for m in meetings if m not in government_only]
    attendance = {
        sector: sum(m[sector] or 0 for m in meetings) for sector in ("government", *NON_GOVERNMENT)
    }
    base = {
        "forums": facts.forums,
        "meeting_count": len(meetings),
        "government_only_meetings": len(government_only),
        "last_meeting": max((m["date"] for m in meetings), default=None),
        "attendance": attendance,
        "meetings": [{**m, "date": m["date"].isoformat()} for m in meetings[-MAX_LISTED:]],
    }
    if base["last_meeting"]:
        base["last_meeting"] = base["last_meeting"].isoformat()
    if not facts.forums:
        return Requirement(
            "forum",
            Status.UNKNOWN,
            title,
            _("No multi-stakeholder forum is recorded for this plan."),
            {"window": _window_facts(window), "lapse": None, **base},
        )
    unknown_forums = [f["name"] for f in facts.forums if not f["meetings_known"]]
    return _every_six_months(
        "forum",
        title,
        facts,
        window,
        counted,
        base,
        met=ngettext(
            "%(count)d meeting on record; no stretch of more than six months without one.",
            "%(count)d meetings on record; no stretch of more than six months without one.",
            len(counted),
        )
        % {"count": len(counted)},
        lapsed=_("No meeting of the forum from %(start)s to %(end)s: more than six months."),
        lapse_unknown=(
            _("The forum is recorded (%(names)s), but its meetings are not known.")
            % {"names": "; ".join(unknown_forums)}
            if unknown_forums
            else None
        ),
    )


def repository_updated(facts: RequirementFacts, today: datetime.date) -> Requirement:
    title = _("A repository updated at least twice a year")
    window = plan_window(facts.plan, today)
    with_evidence = sorted(d for d, n in facts.update_days.items() if n and d <= today)
    base = {
        "status_updates": facts.status_updates,
        "days_with_evidence": len(with_evidence),
        "last_update_with_evidence": with_evidence[-1].isoformat() if with_evidence else None,
    }
    if not facts.status_updates:
        return Requirement(
            "repository",
            Status.UNKNOWN,
            title,
            _(
                "No status update on this plan is kept here, so whether its repository was "
                "updated is not known."
            ),
            {"window": _window_facts(window), "lapse": None, **base},
        )
    return _every_six_months(
        "repository",
        title,
        facts,
        window,
        with_evidence,
        base,
        met=_("Updated with evidence on %(count)d days; never more than six months apart.")
        % {"count": len(with_evidence)},
        lapsed=_("No update with evidence from %(start)s to %(end)s: more than six months."),
    )


def reasoned_response(facts: RequirementFacts, today: datetime.date) -> Requirement:
    title = _("A reasoned response to the proposals not taken")
    left_out = [p for p in facts.proposals if p["outcome"] in Proposal.LEFT_OUT]
    unanswered = [p for p in left_out if not p["answered"]]
    base = {
        "proposals": len(facts.proposals),
        "left_out": len(left_out),
        "answered": len(left_out) - len(unanswered),
        "without_response": [
            {"id": p["id"], "title": p["title"], "outcome": p["outcome"]}
            for p in unanswered[:MAX_LISTED]
        ],
    }
    if not facts.proposals:
        return Requirement(
            "reasoned_response",
            Status.UNKNOWN,
            title,
            _("No proposal from the plan's co-creation is recorded."),
            base,
        )
    if not unanswered:
        message = (
            ngettext(
                "The %(count)d proposal left out has a reasoned response.",
                "All %(count)d proposals left out have a reasoned response.",
                len(left_out),
            )
            % {"count": len(left_out)}
            if left_out
            else _("No recorded proposal was left out of the plan.")
        )
        return Requirement("reasoned_response", Status.MET, title, message, base)
    return Requirement(
        "reasoned_response",
        Status.NOT_MET,
        title,
        ngettext(
            "%(count)d of %(total)d proposals left out has no reasoned response.",
            "%(count)d of %(total)d proposals left out have no reasoned response.",
            len(unanswered),
        )
        % {"count": len(unanswered), "total": len(left_out)},
        base,
    )


def commitments_complete(facts: RequirementFacts, today: datetime.date) -> Requirement:
    title = _("Every commitment with a lead institution, dates and verifiable milestones")
    gaps: dict[str, list[str]] = defaultdict(list)
    for ogp_id, has_lead, has_dates, milestones, undated in facts.commitments:
        if not has_lead:
            gaps["without_lead"].append(ogp_id)
        if not has_dates:
            gaps["without_dates"].append(ogp_id)
        if not milestones:
            gaps["without_milestone"].append(ogp_id)
        elif undated:
            gaps["undated_milestones"].append(ogp_id)
    total = len(facts.commitments)
    short = sorted({ogp_id for ids in gaps.values() for ogp_id in ids})
    base: dict[str, Any] = {"total": total, "complete": total - len(short)}
    for key in ("without_lead", "without_dates", "without_milestone", "undated_milestones"):
        base[key] = {"count": len(gaps[key]), "commitments": gaps[key][:MAX_LISTED]}
    if not total:
        return Requirement(
            "commitments",
            Status.UNKNOWN,
            title,
            _("No commitment of this plan is recorded."),
            base,
        )
    if not short:
        return Requirement(
            "commitments",
            Status.MET,
            title,
            ngettext(
                "The %(total)d commitment has a lead institution, dates and dated milestones.",
                "All %(total)d commitments have a lead institution, dates and dated milestones.",
                total,
            )
            % {"total": total},
            base,
        )
    parts = []
    for key, label in (
        ("without_lead", _("%(count)d without a lead institution")),
        ("without_dates", _("%(count)d without start and end dates")),
        ("without_milestone", _("%(count)d without milestones")),
        ("undated_milestones", _("%(count)d with milestones without a due date")),
    ):
        if gaps[key]:
            parts.append(label % {"count": len(gaps[key])})
    return Requirement(
        "commitments",
        Status.NOT_MET,
        title,
        _("%(short)d of %(total)d commitments fall short: %(parts)s.")
        % {"short": len(short), "total": total, "parts": "; ".join(parts)},
        base,
    )


RULES = (forum_met, repository_updated, reasoned_response, commitments_complete)


@dataclass(frozen=True)
class PlanRequirements:
    plan: ActionPlan
    checked_on: datetime.date
    items: list[Requirement]

    def count(self, status: str) -> int:
        return sum(1 for r in self.items if r.status == status)

    def as_dict(self) -> dict[str, Any]:
        """The shape of `requirements` on a plan and of each row of /api/v1/plan-requirements/."""
        return {
            "checked_on": self.checked_on.isoformat(),
            "met": self.count(Status.MET),
            "not_met": self.count(Status.NOT_MET),
            "unknown": self.count(Status.UNKNOWN),
            **{r.code: r.as_dict() for r in self.items},
        }


def requirements_for_plans(
    plans: Iterable[ActionPlan], *, today: datetime.date | None = None
) -> dict[int, PlanRequirements]:
    """Every requirement for every plan given (plan id -> requirements), in four queries."""
    today = today or timezone.localdate()
    return {
        pk: PlanRequirements(facts.plan, today, [rule(facts, today) for rule in RULES])
        for pk, facts in requirement_facts(plans).items()
    }


def requirements_for_plan(
    plan: ActionPlan, *, today: datetime.date | None = None
) -> PlanRequirements:
    return requirements_for_plans([plan], today=today)[plan.pk]


def requirement_rows(plans: Sequence[ActionPlan]) -> list[dict[str, Any]]:
    """The API's rows: the plan's identity and its `requirements` (`PlanRequirements.as_dict()`)."""
    found = requirements_for_plans(plans)
    return [
        {
            "action_plan": p.ogp_id,
            "member": p.member.code,
            "title": p.title,
            "requirements": found[p.pk].as_dict(),
        }
        for p in plans
    ]
