"""Site-level answers that belong to no app: the API's front door, the favicon, and the error
handlers (JSON under /api/, the site's pages elsewhere)."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable

from django.conf import settings
from django.db import OperationalError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseNotFound,
    HttpResponseRedirect,
    JsonResponse,
)
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from rest_framework import exceptions

API_PREFIX = "/api/"


def _api_error(error: exceptions.APIException) -> JsonResponse:
    # The same shape and words (DRF's, translated) as an error raised inside a DRF view.
    return JsonResponse({"detail": str(error.detail)}, status=error.status_code)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return _api_error(exceptions.ParseError(exceptions.ValidationError.default_detail))
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return _api_error(exceptions.PermissionDenied())
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if request.path.startswith(API_PREFIX):
        return _api_error(exceptions.NotFound())
    return defaults.page_not_found(request, exception)


class FriendlyNotFoundMiddleware:
    """With DEBUG on (`make run`), Django answers every 404 with its English technical page, which a
    newcomer trying the demo takes for a crash. This gives the site's own 404 page (JSON under
    /api/) instead, as in production; TECHNICAL_404=1 brings the technical page back for debugging.
    Off when DEBUG is off: handler404 already answers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.active = settings.DEBUG and not settings.TECHNICAL_404

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Django's technical 404 is a bare HttpResponseNotFound; the site's pages never are.
        if self.active and type(response) is HttpResponseNotFound:
            return page_not_found(request, Http404())
        return response


# How long a client is asked to wait when the database cannot be reached (Retry-After, seconds).
DATABASE_RETRY_AFTER = 30


def could_not_connect(error: BaseException | None) -> bool:
    """True when `error` is the database refusing a new connection (server down or restarting, or
    max_connections used up), as opposed to a query failing on a connection that was working: the
    failure happened inside the backend's get_new_connection()."""
    if not isinstance(error, OperationalError):
        return False
    return any(
        frame.f_code.co_name == "get_new_connection"
        for frame, _line in traceback.walk_tb(error.__traceback__)
    )


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After: JSON under /api/, a small page (rendered without the database)
    elsewhere. The client may simply try again; nothing was written."""
    if request.path.startswith(API_PREFIX):
        response: HttpResponse = _api_error(
            exceptions.APIException(
                _("The service is unavailable just now: the database cannot be reached.")
            )
        )
        response.status_code = 503
    else:
        response = HttpResponse(
            render_to_string("503.html", {"retry_after": DATABASE_RETRY_AFTER}), status=503
        )
    response["Retry-After"] = str(DATABASE_RETRY_AFTER)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this while handling the exception, so it is still the current one.
    if could_not_connect(sys.exc_info()[1]):
        return database_unavailable(request)
    if request.path.startswith(API_PREFIX):
        return _api_error(exceptions.APIException())
    return defaults.server_error(request)


@csrf_exempt  # a JSON 405 for any other method, never the CSRF failure page (HTML)
def api_root(request: HttpRequest) -> JsonResponse:
    """`/api/` and `/api/v1/`: where each public collection is, and where the docs are."""
    if request.method not in ("GET", "HEAD"):
        response = _api_error(exceptions.MethodNotAllowed(request.method))
        response["Allow"] = "GET, HEAD"
        return response
    if request.GET:
        # Like every endpoint: a parameter it does not take is a 400 naming it, never ignored.
        message = _("Unknown parameter. This address takes none: follow its links.")
        return JsonResponse({name: [message] for name in sorted(request.GET)}, status=400)
    from .api_urls import public_routers

    base = request.build_absolute_uri(reverse("v1:stats-completion")).rsplit("stats/", 1)[0]
    collections = {
        prefix: f"{base}{prefix}/"
        for routed in public_routers
        for prefix, _viewset, _basename in routed.registry
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
                "questions": request.build_absolute_uri(reverse("v1:stats-questions")),
            },
            "docs": request.build_absolute_uri(reverse("api-docs")),
            "schema": request.build_absolute_uri(reverse("api-schema")),
            "formats": ["json", "csv"],
        },
        json_dumps_params={"indent": 2},
    )


@require_safe  # GET and HEAD (curl -I, link checkers)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says; send them to the static file."""
    return HttpResponseRedirect(static("img/favicon.ico"))
