"""The home page, the status update form, "My commitments" and evidence files. The plan, commitment
and organisation pages combine the apps: ogptracker/pages.py, with this app's part in pages.py."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .evidence.files import evidence_response
from .figures.counting import completion_by, empty_figures, track_dates
from .figures.values import DENOMINATOR_RULE, TrackDates
from .forms import StatusUpdateForm, form_status
from .models import (
    ActionPlan,
    Commitment,
    StatusEvidence,
)
from .models.vocab import Voice
from .permissions import is_in_group, reportable_commitments, reporting_voice
from .reports.views import post_report
from .roles import EDITOR, OFFICIAL
from .services import NOT_REPORTER, record_status_update


@require_safe
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


@login_required
def report_status(request: HttpRequest, ogp_id: str) -> HttpResponse:
    """A civil-society editor posts a status update on a commitment their organisation monitors; a
    responsible official of a lead organisation records the government's self-assessment (the
    voice comes from the role, `reporting_voice`)."""
    commitment = get_object_or_404(Commitment.objects.for_list().by_key(ogp_id))
    voice = reporting_voice(request.user, commitment)
    if voice is None:
        raise PermissionDenied(NOT_REPORTER)
    form, update = post_report(
        request,
        partial(StatusUpdateForm, voice=voice),
        record_status_update,
        commitment=commitment,
    )
    if update:
        messages.success(
            request,
            _("The government's assessment was published.")
            if voice == Voice.GOVERNMENT
            else _("Your status update was published."),
        )
        return redirect("commitments:commitment", ogp_id=commitment.ogp_id)
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
        status=form_status(form),
    )


@login_required
def my_pages(request: HttpRequest) -> HttpResponse:
    """/my/: an editor's or official's commitments, or what anyone else follows."""
    if is_in_group(request.user, OFFICIAL) or is_in_group(request.user, EDITOR):
        return redirect("commitments:my_commitments")
    return redirect("commitments:follows")


@login_required
def my_commitments(request: HttpRequest) -> HttpResponse:
    """The commitments the user reports on, with their current status: an editor's organisation
    monitors them, a responsible official's leads or co-leads them; someone with both roles, both."""
    official = is_in_group(request.user, OFFICIAL)
    editor = is_in_group(request.user, EDITOR)
    if not (official or editor):
        raise PermissionDenied(
            _("This page is for civil-society editors and responsible officials.")
        )
    commitments = list(reportable_commitments(request.user).for_list())
    return render(
        request,
        "commitments/my_commitments.html",
        {"commitments": commitments, "official": official, "editor": editor},
    )


@require_safe
def evidence_file(request: HttpRequest, pk: int) -> FileResponse:
    """An uploaded evidence file, served by the app with the type detected at upload, never as HTML."""
    evidence = get_object_or_404(StatusEvidence.objects.exclude(file=""), pk=pk)
    return evidence_response(evidence.file, evidence.content_type, evidence.download_name)
