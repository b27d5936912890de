"""What OGP's minimum requirements (commitments.requirements.rules) read about plans: the six-month rule,
written once for the forum and the repository, and the facts of any number of plans in four
queries."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from ..models import ActionPlan, Commitment, Forum, Proposal, StatusUpdate
from ..outcomes.figures import plan_end_day

# --- The six-month rule, written once for the forum and the repository --------------------------------


def six_months_after(day: datetime.date) -> datetime.date:
    """The same day six months later (the month's last day when it has fewer days)."""
    month = day.month + 6
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def first_lapse(
    start: datetime.date, end: datetime.date, days: Iterable[datetime.date]
) -> tuple[datetime.date, datetime.date] | None:
    """The first stretch of more than six months with no day in `days`, from `start` to `end`."""
    previous = start
    for day in [*sorted(d for d in set(days) if start < d <= end), end]:
        if day > six_months_after(previous):
            return previous, day
        previous = day
    return None


def plan_window(
    plan: ActionPlan, today: datetime.date
) -> tuple[datetime.date, datetime.date] | None:
    """The span a plan's forum and repository are checked over: its start (or 1 January of its
    submission year) to its end (or the last day of its end year) or today, whichever is first.
    None when the plan has no start on record or has not started."""
    if plan.start_date:
        start = plan.start_date
    elif plan.submission_year:
        start = datetime.date(plan.submission_year, 1, 1)
    else:
        return None
    if start > today:
        return None
    end = min(plan_end_day(plan) or today, today)
    return start, end


# --- Facts: four queries for any number of plans -----------------------------------------------------


@dataclass
class RequirementFacts:
    plan: ActionPlan
    forums: list[dict[str, Any]] = field(default_factory=list)
    meetings: list[dict[str, Any]] = field(default_factory=list)
    # as-of day -> number of evidence items of that day's status updates
    update_days: dict[datetime.date, int] = field(default_factory=dict)
    status_updates: int = 0
    proposals: list[dict[str, Any]] = field(default_factory=list)
    commitments: list[tuple[str, bool, bool, int, int]] = field(default_factory=list)


def requirement_facts(plans: Iterable[ActionPlan]) -> dict[int, RequirementFacts]:
    """What the requirements read for these plans, in four queries whatever their number."""
    plans = list(plans)
    ids = [p.pk for p in plans]
    facts = {p.pk: RequirementFacts(plan=p) for p in plans}

    # 1. Forums with their meetings (a forum with none gives one row of empty meeting columns).
    seen_forums: set[int] = set()
    for plan_id, forum_id, name, known, *meeting in (
        Forum.objects.filter(action_plan_id__in=ids)
        .order_by("action_plan_id", "pk", "meetings__date")
        .values_list(
            "action_plan_id",
            "pk",
            "name",
            "meetings_known",
            "meetings__date",
            "meetings__government",
            "meetings__civil_society",
            "meetings__private_sector",
            "meetings__other",
            "meetings__minutes_url",
        )
    ):
        if forum_id not in seen_forums:
            seen_forums.add(forum_id)
            facts[plan_id].forums.append({"name": name, "meetings_known": known})
        date, government, civil_society, private_sector, other, minutes_url = meeting
        if date is not None:
            facts[plan_id].meetings.append(
                {
                    "date": date,
                    "forum": name,
                    "government": government,
                    "civil_society": civil_society,
                    "private_sector": private_sector,
                    "other": other,
                    "minutes_url": minutes_url,
                }
            )

    # 2. The days of status updates (civil society's and the government's), with how much
    #    evidence each day carried.
    for plan_id, as_of, updates, evidence in (
        StatusUpdate.objects.filter(commitment__action_plan_id__in=ids)
        .order_by()
        .values_list("commitment__action_plan_id", "as_of")
        .annotate(n=Count("pk", distinct=True), e=Count("evidence"))
        .values_list("commitment__action_plan_id", "as_of", "n", "e")
    ):
        facts[plan_id].update_days[as_of] = evidence
        facts[plan_id].status_updates += updates

    # 3. Every proposal, with whether the government answered it.
    for plan_id, pk, title, outcome, response in (
        Proposal.objects.filter(action_plan_id__in=ids)
        .order_by("action_plan_id", "pk")
        .values_list("action_plan_id", "pk", "title", "outcome", "government_response")
    ):
        facts[plan_id].proposals.append(
            {"id": pk, "title": title, "outcome": outcome, "answered": bool(response.strip())}
        )

    # 4. Each commitment: lead, dates, milestones and milestones without a due date.
    for plan_id, ogp_id, lead_id, start, end, milestones, undated in (
        Commitment.objects.filter(action_plan_id__in=ids)
        .annotate(
            n_milestones=Count("milestones"),
            n_undated=Count("milestones", filter=Q(milestones__due_date__isnull=True)),
        )
        .order_by("action_plan_id", "ogp_id")
        .values_list(
            "action_plan_id",
            "ogp_id",
            "lead_organization_id",
            "start_date",
            "end_date",
            "n_milestones",
            "n_undated",
        )
    ):
        facts[plan_id].commitments.append(
            (ogp_id, lead_id is not None, bool(start and end), milestones, undated)
        )
    return facts
