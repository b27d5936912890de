"""The commitments app's part of the public plan, commitment and organisation pages: plain dicts
that the page views (ogptracker/pages.py) combine with the IRM's and the questions' parts. Every
query of these pages runs here or there, never in a template tag."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from .accountability.views import indicator_context
from .audit import change_history_context
from .charts.course import commitment_course, plan_course, plan_irm_bases
from .figures.counting import completion_figures, track_dates
from .figures.values import DENOMINATOR_RULE, TrackDates
from .lineage import lineage_line
from .models import ActionPlan, Commitment, CompletionLevel, Follow, MilestoneProgress, Organization
from .models.vocab import Voice
from .outcomes.views import outcome_context, plan_outcome_context
from .permissions import reporting_voice
from .progress.services import can_report_progress_on
from .progress.views import latest_progress_by_milestone
from .reminders import months_without_update
from .requirements.rules import RULE as REQUIREMENTS_RULE
from .requirements.rules import requirements_for_plan


def plan_page(request: HttpRequest, plan: ActionPlan) -> dict[str, Any]:
    """Facts, the three tracks' figures, the commitments table, OGP's minimum requirements, "did it
    last?", the plan's course and its IRM counts on each basis."""
    return {
        "plan": plan,
        "follow": Follow.objects.of(request.user).on(plan),
        "commitments": list(plan.commitments.for_list()),
        "figures": completion_figures(plan.commitments.all()),
        "dates": track_dates([plan.pk]).get(plan.pk, TrackDates()),
        "denominator_rule": DENOMINATOR_RULE,
        "levels": CompletionLevel.choices,
        # The table's filter per track (static/js/app.js reads data-gov, data-self, data-irm).
        "track_filters": [
            ("gov", _("Government's self-assessment")),
            ("self", _("Civil society status")),
            ("irm", _("Completion according to the IRM")),
        ],
        "req": {"result": requirements_for_plan(plan), "rule": REQUIREMENTS_RULE},
        "po": plan_outcome_context(plan),
        "course": plan_course(plan),
        "irm_bases": plan_irm_bases(plan),
    }


def commitment_page(request: HttpRequest, commitment: Commitment) -> dict[str, Any]:
    """Facts, milestones with their progress, both voices' status updates, indicators, the course,
    outcome checks and the public change history."""
    today = timezone.localdate()
    latest = latest_progress_by_milestone(
        list(MilestoneProgress.objects.for_commitment(commitment))
    )
    milestones = [(m, m.is_past_due(today), latest.get(m.pk)) for m in commitment.milestones.all()]
    updates = list(commitment.status_updates.for_history())
    updates.reverse()  # newest first on the page
    # An update a later one corrects is marked superseded, with a link to its correction.
    corrections = {u.corrects_id: u for u in reversed(updates) if u.corrects_id}
    for update in updates:
        update.superseded_by = corrections.get(update.pk)
    voice = reporting_voice(request.user, commitment)
    return {
        "commitment": commitment,
        "plan": commitment.action_plan,
        "follow": Follow.objects.of(request.user).on(commitment),
        "milestones": milestones,
        "updates": [u for u in updates if u.voice == Voice.CIVIL_SOCIETY],
        "government_updates": [u for u in updates if u.voice == Voice.GOVERNMENT],
        "can_report": voice == Voice.CIVIL_SOCIETY,
        "can_report_government": voice == Voice.GOVERNMENT,
        "months_quiet": months_without_update(commitment, today),
        "lineage": lineage_line(commitment),
        "can_report_progress": can_report_progress_on(request.user, commitment),
        "ind": indicator_context(commitment, request.user),
        "course": commitment_course(commitment),
        "oc": outcome_context(commitment, request.user),
        "history": change_history_context(commitment),
    }


def organization_page(request: HttpRequest, organization: Organization) -> dict[str, Any]:
    """The commitments the organisation leads, supports and monitors, and the figures of those it
    leads."""
    led = organization.led_commitments.all()
    return {
        "organization": organization,
        "follow": Follow.objects.of(request.user).on(organization),
        "led": list(led.for_list()),
        "supported": list(organization.supported_commitments.for_list()),
        "monitored": list(organization.monitored_commitments.for_list()),
        "figures": completion_figures(led),
        "denominator_rule": DENOMINATOR_RULE,
    }
