"""The API's one exception handler (REST_FRAMEWORK["EXCEPTION_HANDLER"]): services raise Django's
exceptions, and every API view answers them the same way without catching them itself.

- Django's PermissionDenied and Http404: 403 and 404, as DRF's own handler does.
- Django's ValidationError: 400 with {field: [messages]}, a model-wide error under
  "non_field_errors" (a serializer's field validators already get this from DRF).
- commitments.versioning.StaleVersion (an edit over an older version): 412 with what changed and
  by whom, and the current ETag.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from commitments.versioning import StaleVersion, etag_for


def django_error_detail(exc: DjangoValidationError) -> dict[str, Any]:
    """A Django ValidationError as DRF's 400 body: {field: [messages]}."""
    if hasattr(exc, "error_dict"):
        return {
            (api_settings.NON_FIELD_ERRORS_KEY if key == "__all__" else key): value
            for key, value in exc.message_dict.items()
        }
    return {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, StaleVersion):
        set_rollback()
        request = context.get("request")
        return Response(
            exc.as_dict(getattr(request, "user", None)),
            status=status.HTTP_412_PRECONDITION_FAILED,
            headers={"ETag": etag_for(exc.current)},
        )
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(django_error_detail(exc))
    return drf_exception_handler(exc, context)
