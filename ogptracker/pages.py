"""The public pages that combine the apps, assembled in one place above them: the plan page
(commitments, the IRM's reports and findings, questions), the commitment page (commitments and the
IRM's findings) and the organisation page (commitments and questions). Each app gives its part as a
plain dict (commitments/pages.py, reviews/pages.py, questions/pages.py); the templates under
templates/pages/ only draw it."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from commitments import pages as commitment_parts
from commitments.models import ActionPlan, Commitment, Organization
from questions.pages import organization_question_figures, plan_question_figures
from reviews.integrity import plan_context as plan_accountability
from reviews.pages import completion_basis, plan_reports, published_assessments


def _page(request: HttpRequest, name: str, *parts: dict[str, Any]) -> HttpResponse:
    """templates/pages/<name>.html with the apps' parts merged into one context."""
    return render(request, f"pages/{name}.html", {k: v for part in parts for k, v in part.items()})


@require_safe
def plan_detail(request: HttpRequest, ogp_id: str) -> HttpResponse:
    plan = get_object_or_404(ActionPlan.objects.select_related("member").by_key(ogp_id))
    if plan.ogp_id != ogp_id:
        # An id typed in lower case (ap_per01): its address leads to the plan's own.
        return redirect("commitments:plan", ogp_id=plan.ogp_id, permanent=True)
    irm = {"acc": plan_accountability(plan), "reports": plan_reports(plan, request.user)}
    questions = {"qf": plan_question_figures(plan)}
    return _page(request, "plan_detail", commitment_parts.plan_page(request, plan), irm, questions)


@require_safe
def commitment_detail(request: HttpRequest, ogp_id: str) -> HttpResponse:
    commitment = Commitment.objects.for_detail().filter(ogp_id=ogp_id).first()
    if commitment is None:
        return redirect("commitments:commitment", ogp_id=_current_id(ogp_id), permanent=True)
    assessments = published_assessments(commitment)
    irm = {"assessments": assessments, "irm_basis": completion_basis(assessments)}
    return _page(
        request, "commitment_detail", commitment_parts.commitment_page(request, commitment), irm
    )


def _current_id(ogp_id: str) -> str:
    """The id of the commitment an address names that is not its own: the id typed in lower case
    (pe0001), or a provisional id OGP's own replaced (its old address still leads to it); 404
    when it names none."""
    current = (
        Commitment.objects.by_key(ogp_id).values_list("ogp_id", flat=True).first()
        or Commitment.objects.by_former_key(ogp_id).values_list("ogp_id", flat=True).first()
    )
    if current is None:
        raise Http404
    return current


@require_safe
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_object_or_404(Organization.objects.select_related("member").by_key(slug))
    if organization.slug != slug:
        # A slug typed in another case (MINJUS): its address leads to the organisation's own.
        return redirect("commitments:organization", slug=organization.slug, permanent=True)
    questions = {"qf": organization_question_figures(organization)}
    return _page(
        request,
        "organization_detail",
        commitment_parts.organization_page(request, organization),
        questions,
    )
