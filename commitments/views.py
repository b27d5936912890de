"""Public pages (home, plan, commitment, organisation), the status update form and evidence files."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .evidence import evidence_response
from .figure_values import DENOMINATOR_RULE, TrackDates
from .figures import completion_by, completion_figures, empty_figures, track_dates
from .forms import StatusUpdateForm
from .lineage import lineage_line
from .models import (
    ActionPlan,
    Commitment,
    CommitmentFormerId,
    CompletionLevel,
    MilestoneProgress,
    Organization,
    StatusEvidence,
)
from .models.vocab import Voice
from .permissions import is_in_group, reportable_commitments, reporting_voice
from .progress_services import can_report_progress_on
from .progress_views import latest_progress_by_milestone
from .reminders import months_without_update
from .roles import EDITOR
from .services import NOT_REPORTER, record_status_update
from .templatetags.ogp import milestone_overdue


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """OGP members with their action plans and each plan's headline figures."""
    plans = list(ActionPlan.objects.for_list())
    figures = {
        group.key: group.figures for group in completion_by(Commitment.objects.all(), "action_plan")
    }
    blank = empty_figures()
    dates = track_dates(plan.pk for plan in plans)
    rows = [
        (plan, figures.get(plan.ogp_id, blank), dates.get(plan.pk, TrackDates())) for plan in plans
    ]
    return render(
        request,
        "commitments/home.html",
        {"rows": rows, "denominator_rule": DENOMINATOR_RULE},
    )


@require_GET
def plan_detail(request: HttpRequest, ogp_id: str) -> HttpResponse:
    plan = get_object_or_404(ActionPlan.objects.select_related("member"), ogp_id=ogp_id)
    commitments = list(plan.commitments.for_list())
    return render(
        request,
        "commitments/plan_detail.html",
        {
            "plan": plan,
            "commitments": commitments,
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
        },
    )


@require_GET
def commitment_detail(request: HttpRequest, ogp_id: str) -> HttpResponse:
    commitment = Commitment.objects.for_detail().filter(ogp_id=ogp_id).first()
    if commitment is None:
        # A provisional id replaced by OGP's own: its old address still leads to the commitment.
        former = get_object_or_404(
            CommitmentFormerId.objects.select_related("commitment"), ogp_id=ogp_id
        )
        return redirect("commitments:commitment", ogp_id=former.commitment.ogp_id, permanent=True)
    today = timezone.localdate()
    latest = latest_progress_by_milestone(
        list(MilestoneProgress.objects.for_commitment(commitment))
    )
    milestones = [
        (m, milestone_overdue(m, today), latest.get(m.pk)) for m in commitment.milestones.all()
    ]
    updates = list(commitment.status_updates.for_history())
    updates.reverse()  # newest first on the page
    # An update a later one corrects is marked superseded, with a link to its correction.
    corrections = {u.corrects_id: u for u in reversed(updates) if u.corrects_id}
    for update in updates:
        update.superseded_by = corrections.get(update.pk)
    voice = reporting_voice(request.user, commitment)
    return render(
        request,
        "commitments/commitment_detail.html",
        {
            "commitment": commitment,
            "plan": commitment.action_plan,
            "milestones": milestones,
            "updates": [u for u in updates if u.voice == Voice.CIVIL_SOCIETY],
            "government_updates": [u for u in updates if u.voice == Voice.GOVERNMENT],
            "can_report": voice == Voice.CIVIL_SOCIETY,
            "can_report_government": voice == Voice.GOVERNMENT,
            "months_quiet": months_without_update(commitment, today),
            "lineage": lineage_line(commitment),
            "can_report_progress": can_report_progress_on(request.user, commitment),
        },
    )


@require_GET
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_object_or_404(Organization.objects.select_related("member"), slug=slug)
    led = organization.led_commitments.all()
    return render(
        request,
        "commitments/organization_detail.html",
        {
            "organization": organization,
            "led": list(led.for_list()),
            "supported": list(organization.supported_commitments.for_list()),
            "monitored": list(organization.monitored_commitments.for_list()),
            "figures": completion_figures(led),
            "denominator_rule": DENOMINATOR_RULE,
        },
    )


@login_required
def report_status(request: HttpRequest, ogp_id: str) -> HttpResponse:
    """A civil-society editor posts a status update on a commitment their organisation monitors; a
    responsible official of a lead organisation records the government's self-assessment (the
    voice comes from the role, `reporting_voice`)."""
    commitment = get_object_or_404(Commitment.objects.for_list(), ogp_id=ogp_id)
    voice = reporting_voice(request.user, commitment)
    if voice is None:
        raise PermissionDenied(NOT_REPORTER)
    if request.method == "POST":
        form = StatusUpdateForm(request.POST, request.FILES, commitment=commitment, voice=voice)
        if form.is_valid():
            data = form.cleaned_data
            try:
                record_status_update(
                    commitment=commitment,
                    author=request.user,
                    completion=data["completion"],
                    as_of=data["as_of"],
                    note=data["note"],
                    links=data["links"],
                    files=data["files"],
                    corrects=data["corrects"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(
                    request,
                    _("The government's assessment was published.")
                    if voice == Voice.GOVERNMENT
                    else _("Your status update was published."),
                )
                return redirect("commitments:commitment", ogp_id=commitment.ogp_id)
    else:
        form = StatusUpdateForm(commitment=commitment, voice=voice)
    recent = list(
        commitment.status_updates.filter(voice=voice)
        .latest_first()
        .prefetch_related("evidence")[:3]
    )
    return render(
        request,
        "commitments/report_form.html",
        {
            "commitment": commitment,
            "form": form,
            "recent": recent,
            "government": voice == Voice.GOVERNMENT,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def my_commitments(request: HttpRequest) -> HttpResponse:
    """The commitments the editor's organisation monitors, with their current status."""
    if not is_in_group(request.user, EDITOR):
        raise PermissionDenied(_("This page is for civil-society editors."))
    commitments = list(reportable_commitments(request.user).for_list())
    return render(request, "commitments/my_commitments.html", {"commitments": commitments})


@require_GET
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """An uploaded evidence file, served by the app with the type detected at upload, never as HTML."""
    evidence = get_object_or_404(StatusEvidence.objects.exclude(file=""), pk=pk)
    return evidence_response(evidence.file, evidence.content_type, evidence.download_name)
