"""Index pages: every plan, commitment, organisation and member, each list with its filters in the URL
and a CSV link to the same rows through the public API.

The commitment list filters with the API's own FilterSet (commitments/api/filters.py), so a page and
its CSV link always mean the same thing; its facets and ranking are commitments/search/faceted.py."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .api.filters import ActionPlanFilter, OrganizationFilter
from .models import ActionPlan, Member, Organization
from .search.faceted import commitment_results

PAGE_SIZE = 50


def _page(request: HttpRequest, queryset, *, size: int = PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def _filter_data(request: HttpRequest, filterset_class) -> dict[str, str]:
    """The request's filters, to filter and to build page links and the CSV link. An empty choice
    in the page's form means "any": drop it rather than refuse it as the API does; a parameter
    the list does not take is left out too (the page names it: `unknown_parameters`)."""
    return {k: v for k, v in request.GET.items() if k in filterset_class.base_filters and v != ""}


def _chosen_member(request: HttpRequest, filterset, valid: bool) -> str:
    """The OGP code of the member filtered on, so the form marks it however the URL spelt it (pe)."""
    member = filterset.form.cleaned_data.get("member") if valid else None
    return member.code if member else request.GET.get("member", "")


def _members() -> list[Member]:
    """Every member in the order of the names the page shows: the member filter's choices, and
    what the plan list is ordered by (one query for both)."""
    return Member.objects.only("code", "name", "kind", "iso_alpha2").listed_by_name()


def _filtered_index(
    request: HttpRequest,
    template: str,
    title: str,
    filterset_class,
    queryset,
    *,
    members: list[Member],
    **extra: Any,
) -> HttpResponse:
    """An index page filtered with the API's FilterSet, as its CSV and Excel links are: `?member=pe`
    lists Peru's rows here as in the download, and an unknown member is a message (400), not an
    empty list. `members`: `_members()`, the member filter's choices."""
    data = _filter_data(request, filterset_class)
    filterset = filterset_class(data, queryset=queryset, request=request)
    valid = filterset.is_valid()
    return render(
        request,
        template,
        {
            "title": title,
            "page": _page(request, filterset.qs if valid else queryset.none()),
            "errors": filterset.errors if not valid else {},
            "members": members,
            "member": _chosen_member(request, filterset, valid),
            "query": urlencode(data),
            "unknown": filterset_class.unknown_parameters(k for k in request.GET if k != "page"),
            **extra,
        },
        status=200 if valid else 400,
    )


@require_safe
def plan_index(request: HttpRequest) -> HttpResponse:
    members = _members()
    return _filtered_index(
        request,
        "commitments/index_plans.html",
        _("Action plans"),
        ActionPlanFilter,
        ActionPlan.objects.for_list().in_member_order(members),
        members=members,
    )


@require_safe
def commitment_index(request: HttpRequest) -> HttpResponse:
    """The faceted commitment list (the same block as /search/, without the other kinds)."""
    results = commitment_results(request)
    return render(
        request,
        "commitments/index_commitments.html",
        {"results": results, "page": results.page, "query": results.query},
        status=results.status,
    )


@require_safe
def organization_index(request: HttpRequest) -> HttpResponse:
    organizations = Organization.objects.select_related("member").annotate(
        led_count=Count("led_commitments", distinct=True),
    )
    return _filtered_index(
        request,
        "commitments/index_organizations.html",
        _("Organisations"),
        OrganizationFilter,
        organizations.order_by("name"),
        members=_members(),
        q=request.GET.get("q", ""),
    )


@require_safe
def member_index(request: HttpRequest) -> HttpResponse:
    members = Member.objects.annotate(
        plan_count=Count("action_plans", distinct=True),
        commitment_count=Count("action_plans__commitments", distinct=True),
    ).listed_by_name()
    return render(
        request,
        "commitments/index_members.html",
        {
            "members": members,
            "title": _("OGP members"),
        },
    )
