"""How the OpenAPI schema describes each operation (REST_FRAMEWORK DEFAULT_SCHEMA_CLASS).

The schema is written for readers of the API docs, in the request's language: descriptions and
titles come only from translatable text given to `extend_schema` (docstrings are notes for
developers, in English whatever the reader's language), an operation without its own title takes
the first clause of its description, and a read anyone may make (every permission of the view lets
an anonymous GET through) is marked public (`security: []`), so the docs show no padlock on it."""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework.permissions import SAFE_METHODS
from rest_framework.request import Request

# The longest title taken from a description; a longer first clause is cut at a comma.
TITLE_LENGTH = 70
_FIRST_CLAUSE = re.compile(r"^(.+?)(?:\s\(|;|:\s|\.(?:\s|$))")


def title_from_description(description: str) -> str:
    """The first clause of a description, short enough to be an operation's title."""
    text = " ".join(description.split())
    match = _FIRST_CLAUSE.match(text)
    title = match.group(1) if match else text.rstrip(".")
    if len(title) > TITLE_LENGTH and "," in title[:TITLE_LENGTH]:
        title = title[: title.rindex(",", 0, TITLE_LENGTH)]
    return title


class AutoSchema(SpectacularAutoSchema):
    def get_description(self) -> str:  # type: ignore[override]
        # Only a translatable description given with extend_schema(description=...) is shown.
        return ""

    def get_summary(self) -> str | None:
        description = str(self.get_description() or "")
        return title_from_description(description) if description else None

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation = super().get_operation(*args, **kwargs)
        if operation and self.method in SAFE_METHODS and self.anyone_may_read():
            operation["security"] = []
        return operation

    def anyone_may_read(self) -> bool:
        """Whether every permission of the view lets a reader without an account through: asked
        of the permissions themselves, so a view's own rule ("anyone reads, editors write")
        counts as public for GET."""
        anonymous = HttpRequest()
        anonymous.method = self.method
        request = Request(anonymous)
        request.user = AnonymousUser()
        return all(
            permission.has_permission(request, self.view)
            for permission in self.view.get_permissions()
        )
