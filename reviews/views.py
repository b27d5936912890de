"""The IRM researcher's workspace: a report's commitments, the assessment form, submit and publish."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commitments.forms import form_status
from commitments.models import Commitment
from commitments.versioning import StaleVersion

from .forms import AssessmentForm
from .models import IRMReport
from .scales import scale_readings
from .services import publish_report, save_draft_assessment, submit_report
from .stars import compute_star


def _visible_report(request: HttpRequest, pk: int) -> IRMReport:
    """The report if this user may see it; 404 otherwise, so unpublished reports cannot be guessed."""
    return get_object_or_404(IRMReport.objects.visible_to(request.user).for_workspace(), pk=pk)


@login_required
def report_list(request: HttpRequest) -> HttpResponse:
    """Reports the user works on: a researcher's assignments, or every report for an administrator."""
    user = request.user
    if user.has_perm("reviews.publish_irmreport"):
        reports = IRMReport.objects.all()
    elif user.has_perm("reviews.change_assessment"):
        reports = IRMReport.objects.filter(researchers=user)
    else:
        raise PermissionDenied(_("This page is for IRM researchers and plan administrators."))
    reports = reports.for_workspace().order_by("state", "action_plan__ogp_id", "pk")
    return render(request, "reviews/report_list.html", {"reports": list(reports)})


def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A report and the plan's commitments with their assessment in it. Public once published."""
    report = _visible_report(request, pk)
    assessments = {a.commitment_id: a for a in report.assessments.all()}
    commitments = list(report.action_plan.commitments.for_list())
    rows = [(c, assessments.get(c.pk)) for c in commitments]
    user = request.user
    return render(
        request,
        "reviews/report_detail.html",
        {
            "report": report,
            "rows": rows,
            "assessed_count": len(assessments),
            "unassessed_count": len(commitments) - len(assessments),
            "can_edit": IRMReport.objects.editable_by(user).filter(pk=report.pk).exists(),
            "can_publish": (
                user.is_authenticated
                and user.has_perm("reviews.publish_irmreport")
                and report.state == IRMReport.State.SUBMITTED
            ),
        },
    )


@login_required
def assess(request: HttpRequest, pk: int, ogp_id: str) -> HttpResponse:
    """Create or edit the draft assessment of one commitment in one report."""
    report = _visible_report(request, pk)
    commitment = get_object_or_404(
        Commitment.objects.for_list().by_key(ogp_id), action_plan=report.action_plan_id
    )
    if not IRMReport.objects.editable_by(request.user).filter(pk=report.pk).exists():
        raise PermissionDenied(
            _("Only the researchers assigned to a draft report may assess in it.")
        )
    assessment = report.assessments.filter(commitment=commitment).first()
    if request.method == "POST":
        form = AssessmentForm(request.POST, methodology=report.methodology, viewer=request.user)
        if form.is_valid():
            data = dict(form.cleaned_data)
            expected_version = data.pop("version", None)
            try:
                save_draft_assessment(
                    report=report,
                    commitment=commitment,
                    researcher=request.user,
                    data=data,
                    expected_version=expected_version,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            except StaleVersion as exc:
                form.refuse(exc)  # the input stays; saving again applies it on purpose
            else:
                messages.success(
                    request, _("Assessment of %(id)s saved as a draft.") % {"id": commitment.ogp_id}
                )
                return redirect("reviews:report", pk=report.pk)
    else:
        form = AssessmentForm(
            initial=AssessmentForm.initial_from(assessment, report.methodology),
            methodology=report.methodology,
        )
    starred = assessment.starred if assessment else compute_star(report.methodology, _Blank())[0]
    return render(
        request,
        "reviews/assessment_form.html",
        {
            "report": report,
            "commitment": commitment,
            "form": form,
            "assessment": assessment,
            "starred": starred,
            "readings": scale_readings(assessment, report.methodology) if assessment else [],
        },
        status=form_status(form),
    )


class _Blank:
    """An assessment with nothing rated yet, for showing the star before the first save."""

    specificity = potential_impact = completion = ""
    relevant_access_to_information = None
    relevant_civic_participation = relevant_public_accountability = None


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible_report(request, pk)
    confirmed = request.POST.get("confirm_unassessed", "")
    try:
        submit_report(
            report=report,
            user=request.user,
            confirmed_unassessed=int(confirmed) if confirmed.isdigit() else None,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The report was submitted for publication."))
    return redirect("reviews:report", pk=report.pk)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    report = _visible_report(request, pk)
    try:
        publish_report(report=report, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The report is published: its assessments are now public."))
    return redirect("reviews:report", pk=report.pk)
