"""Milestone progress on the web: the form a civil-society editor reports with (through
commitments.progress.services, like the write API) and the reports' evidence files. The commitment
page shows each milestone's latest report (commitments.views.commitment_detail)."""

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
from ..models import Commitment, Milestone, MilestoneProgress, ProgressLevel
from ..models.reports import standing
from ..reports.views import (
    ReportForm,
    ReportPage,
    evidence_file_field,
    evidence_link_field,
    post_report,
    serve_evidence,
)
from .services import can_report_progress, not_allowed_message, record_milestone_progress


class MilestoneProgressForm(ReportForm):
    date_field = "reported_on"
    label_field = "level"

    level = forms.ChoiceField(
        label=gettext_lazy("Progress"),
        choices=ProgressLevel.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Met: everything the milestone promised was done. Partially met: some of it. Not met: "
            "nothing yet."
        ),
    )
    reported_on = date_input_field(
        gettext_lazy("As of"),
        gettext_lazy("The date this report describes. It cannot be in the future."),
        past=True,
    )
    note = forms.CharField(
        label=gettext_lazy("What was found"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=MAX_NOTE,
    )
    evidence_url = evidence_link_field(gettext_lazy("Met and partially met need a link or a file."))
    evidence_file = evidence_file_field()
    corrects = corrects_field(
        MilestoneProgress,
        gettext_lazy("Corrects an earlier report"),
        gettext_lazy("No, this is a new report"),
        gettext_lazy(
            "Reports are never edited or deleted. To fix a mistake, post a new report that says "
            "which one it corrects."
        ),
    )

    def __init__(self, *args: Any, milestone: Milestone, **kwargs: Any) -> None:
        super().__init__(*args, reports=milestone.progress_reports, **kwargs)


def latest_progress_by_milestone(reports: list[MilestoneProgress]) -> dict[Any, MilestoneProgress]:
    """Each milestone's latest standing report (one a later report corrects never is), from a
    commitment's reports listed newest first."""
    latest: dict[Any, MilestoneProgress] = {}
    for report in standing(reports):
        latest.setdefault(report.milestone_id, report)
    return latest


@login_required
def record_progress(request: HttpRequest, ogp_id: str, pk: int) -> HttpResponse:
    """Report on a milestone; the commitment page links here from each milestone."""
    milestone = get_object_or_404(
        Milestone.objects.select_related("commitment__action_plan__member"),
        pk=pk,
        commitment__in=Commitment.objects.by_key(ogp_id),
    )
    if not can_report_progress(request.user, milestone):
        raise PermissionDenied(not_allowed_message())
    commitment = milestone.commitment
    form, report = post_report(
        request, MilestoneProgressForm, record_milestone_progress, milestone=milestone
    )
    return PROGRESS_PAGE.respond(
        request,
        commitment,
        form,
        report,
        lambda: {
            "commitment": commitment,
            "milestone": milestone,
            "reports": list(milestone.progress_reports.select_related("author_organization")),
        },
    )


PROGRESS_PAGE = ReportPage(
    "progress/progress_form.html",
    gettext_lazy("Your milestone report was recorded."),
    "milestone-{report.milestone_id}",
)


@require_safe
def progress_evidence(request: HttpRequest, pk: int) -> FileResponse:
    """A milestone report's evidence file, served as status evidence is (never as HTML)."""
    return serve_evidence(MilestoneProgress, pk)
