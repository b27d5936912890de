"""The public pages that combine the apps, assembled in one place above them: the plan page
(commitments, the IRM's reports and findings, questions), the commitment page (commitments and the
IRM's findings) and the organisation page (commitments and questions). Each app gives its part as a
plain dict (commitments/pages.py, reviews/pages.py, questions/pages.py); the templates under
templates/pages/ only draw it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from commitments import pages as commitment_parts
from commitments.models import ActionPlan, Commitment, CommitmentFormerId, Organization
from questions.pages import organization_question_figures, plan_question_figures
from reviews.integrity import plan_context as plan_accountability
from reviews.pages import completion_basis, plan_reports, published_assessments


@require_GET
def plan_detail(request: HttpRequest, ogp_id: str) -> HttpResponse:
    plan = get_object_or_404(ActionPlan.objects.select_related("member"), ogp_id=ogp_id)
    return render(
        request,
        "pages/plan_detail.html",
        {
            **commitment_parts.plan_page(request, plan),
            "acc": plan_accountability(plan),
            "reports": plan_reports(plan, request.user),
            "qf": plan_question_figures(plan),
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
    assessments = published_assessments(commitment)
    return render(
        request,
        "pages/commitment_detail.html",
        {
            **commitment_parts.commitment_page(request, commitment),
            "assessments": assessments,
            "irm_basis": completion_basis(assessments),
        },
    )


@require_GET
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_object_or_404(Organization.objects.select_related("member"), slug=slug)
    return render(
        request,
        "pages/organization_detail.html",
        {
            **commitment_parts.organization_page(request, organization),
            "qf": organization_question_figures(organization),
        },
    )
