"""How the OpenAPI schema describes each operation (REST_FRAMEWORK DEFAULT_SCHEMA_CLASS).

The schema is written for readers of the API docs, in the request's language: descriptions and
titles come only from translatable text given to `extend_schema` (docstrings are notes for
developers, in English whatever the reader's language), an operation without its own title takes
the first clause of its description, and a read anyone may make is marked public (`security: []`),
so the docs show no padlock on it."""

from __future__ import annotations

import re
from typing import Any

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework.permissions import SAFE_METHODS

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
        # {} among the requirements means "no credentials needed": say so plainly for a read.
        if operation and self.method in SAFE_METHODS and {} in operation.get("security", []):
            operation["security"] = []
        return operation
