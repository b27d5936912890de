"""Outcome checks on the commitment page: the timeline after the plan's end, the form that records a
check (through commitments.outcomes.services), and the checks' evidence files."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from ..forms import MAX_NOTE, corrects_field, date_input_field
from ..models import Commitment, OutcomeCheck, OutcomeVerdict
from ..reports.views import (
    ReportForm,
    ReportPage,
    evidence_file_field,
    evidence_link_field,
    post_report,
    serve_evidence,
)
from .figures import OUTCOME_RULE, checks_open, outcome_figures, plan_end_day
from .services import (
    NOT_ALLOWED,
    can_record_outcome_check,
    record_outcome_check,
)


class OutcomeCheckForm(ReportForm):
    date_field = "checked_on"
    label_field = "verdict"

    verdict = forms.ChoiceField(
        label=gettext_lazy("Verdict"),
        choices=OutcomeVerdict.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("What became of the commitment's result after the plan."),
    )
    checked_on = date_input_field(
        gettext_lazy("Checked on"),
        gettext_lazy("The date this check describes. It cannot be in the future."),
    )
    note = forms.CharField(
        label=gettext_lazy("What was found"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_NOTE,
        help_text=gettext_lazy("Is the norm, body or system still there, and is it used?"),
    )
    evidence_url = evidence_link_field()
    evidence_file = evidence_file_field()
    corrects = corrects_field(
        OutcomeCheck,
        gettext_lazy("Corrects an earlier check"),
        gettext_lazy("No, this is a new check"),
        gettext_lazy(
            "Checks are never edited or deleted. To fix a mistake, record a new check that says "
            "which one it corrects."
        ),
    )

    def __init__(self, *args: Any, commitment: Commitment, **kwargs: Any) -> None:
        super().__init__(*args, reports=commitment.outcome_checks, **kwargs)
        self.commitment = commitment


def outcome_context(commitment: Commitment, user: Any) -> dict[str, Any]:
    """What templates/outcomes/commitment_checks.html needs: the checks newest first, the plan's end
    and, for a permitted user once checks are open, an empty form. One query plus the permission."""
    checks = list(commitment.outcome_checks.for_history())
    can_record = can_record_outcome_check(user, commitment)
    is_open = checks_open(commitment)
    return {
        "checks": checks,
        "plan_end": plan_end_day(commitment.action_plan),
        "open": is_open,
        "can_record": can_record,
        "form": OutcomeCheckForm(commitment=commitment) if can_record and is_open else None,
    }


def plan_outcome_context(plan) -> dict[str, Any]:
    """The plan page's compact "did it last?" block: the one figure (commitments.outcomes.figures)."""
    return {"figures": outcome_figures(plan.commitments.all()), "rule": OUTCOME_RULE}


@login_required
def record_check(request: HttpRequest, ogp_id: str) -> HttpResponse:
    """Record an outcome check; the commitment page carries the same form."""
    commitment = get_object_or_404(Commitment.objects.for_list().by_key(ogp_id))
    if not can_record_outcome_check(request.user, commitment):
        raise PermissionDenied(NOT_ALLOWED)
    form, check = post_report(
        request, OutcomeCheckForm, record_outcome_check, commitment=commitment
    )
    return CHECK_PAGE.respond(request, commitment, form, check, lambda: _page(commitment))


CHECK_PAGE = ReportPage(
    "outcomes/check_form.html",
    gettext_lazy("Your outcome check was recorded."),
    "outcome-{report.pk}",
)


def _page(commitment: Commitment) -> dict[str, Any]:
    end = plan_end_day(commitment.action_plan)
    return {"commitment": commitment, "open": checks_open(commitment), "plan_end": end}


@require_safe
def outcome_evidence(request: HttpRequest, pk: int) -> FileResponse:
    """An outcome check's evidence file, served as status evidence is (never as HTML)."""
    return serve_evidence(OutcomeCheck, pk)
