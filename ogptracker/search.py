"""/search/: one search box over commitments (with the facets of the commitment list),
organisations, action plans and published IRM findings. Assembled here, above both apps, because it
reads both; each kind's matching is its own QuerySet method (commitments/search/matching.py)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from commitments.models import ActionPlan, Organization
from commitments.search.faceted import commitment_results
from commitments.search.matching import excerpt, marked_excerpt, marked_html
from reviews.models import Assessment

# Organisations, plans and IRM findings shown beside the commitments (the most relevant).
OTHERS = 8


def others(q: str) -> dict[str, list]:
    """The most relevant organisations, plans and published IRM findings for the words `q`,
    each with its highlighted name or excerpt."""
    organizations = list(
        Organization.objects.search(q)
        .select_related("member")
        .order_by("-search_rank", "name")[:OTHERS]
    )
    plans = list(
        ActionPlan.objects.search(q)
        .select_related("member")
        .order_by("-search_rank", "ogp_id")[:OTHERS]
    )
    # Published reports only, whoever asks: drafts are never searched. The best ids first, then
    # their rows and excerpts: sorting every finding with its joins and excerpt cost five times
    # as much for a common word.
    found = (
        Assessment.objects.published()
        .search(q)
        .order_by("-search_rank", "-report__published_on", "pk")
    )
    best = list(found.values_list("pk", flat=True)[:OTHERS])
    rows = found.for_list().in_bulk(best)
    return {
        "organizations": [
            (o, marked_html(marked_excerpt(o.name, q, width=1000))) for o in organizations
        ],
        "plans": [(p, marked_html(marked_excerpt(str(p), q, width=1000))) for p in plans],
        "findings": [(rows[pk], excerpt(rows[pk], "narrative", q)) for pk in best],
    }


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    results = commitment_results(request, with_facets=bool(request.GET))
    q = results.q
    context = {"results": results, "page": results.page, "query": results.query, "q": q}
    if q and not results.errors:
        context.update(others(q))
    return render(request, "search/search.html", context, status=results.status)
