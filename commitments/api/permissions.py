"""The API's default permission (REST_FRAMEWORK DEFAULT_PERMISSION_CLASSES).

Kept apart from the views: DRF reads the default while it defines APIView, so this module must not
import rest_framework.views."""

from __future__ import annotations

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request


class ReadOnlyUnlessDeclared(BasePermission):
    """Fail closed: GET, HEAD and OPTIONS for everyone; any write is refused, whoever asks, unless
    the view declares its own permission_classes saying who may write."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return request.method in SAFE_METHODS
