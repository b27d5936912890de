"""Site-level answers that belong to no app: the API's front door and the favicon."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET


@require_GET
def api_root(request: HttpRequest) -> JsonResponse:
    """`/api/` and `/api/v1/`: where each public collection is, and where the docs are."""
    from .api_urls import accountability_router, router

    base = request.build_absolute_uri(reverse("v1:stats-completion")).rsplit("stats/", 1)[0]
    collections = {
        prefix: f"{base}{prefix}/"
        for prefix, _viewset, _basename in [*router.registry, *accountability_router.registry]
    }
    return JsonResponse(
        {
            "name": "OGP Tracker public API",
            "version": "v1",
            "collections": collections,
            "figures": {
                "completion": request.build_absolute_uri(reverse("v1:stats-completion")),
                "completion_history": request.build_absolute_uri(
                    reverse("v1:stats-completion-history")
                ),
                "export_csv": request.build_absolute_uri(reverse("v1:commitment-export")),
            },
            "docs": request.build_absolute_uri(reverse("api-docs")),
            "schema": request.build_absolute_uri(reverse("api-schema")),
            "formats": ["json", "csv"],
        },
        json_dumps_params={"indent": 2},
    )


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; send them to the static file."""
    return HttpResponseRedirect(static("img/favicon.ico"))
