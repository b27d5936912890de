"""The API's JSON parser (REST_FRAMEWORK DEFAULT_PARSER_CLASSES): DRF's, plus a bound on nesting.

A body nested thousands of levels deep made the JSON decoder raise RecursionError (a 500), and one
nested a few hundred levels could be stored and break every later rendering. No request the API
takes nests deeper than a few levels: anything past MAX_DEPTH is a 400 with a JSON error.
(Like commitments/api/permissions.py, this module must not import rest_framework.views.)"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

MAX_DEPTH = 32


def nesting_depth(value: Any) -> int:
    """How deep lists and objects nest in `value` (a scalar is 0), without recursion."""
    deepest, pending = 0, [(value, 1)]
    while pending:
        item, depth = pending.pop()
        children = (
            item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        )
        if children is None:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
        pending.extend((child, depth + 1) for child in children)
    return deepest


class JSONParser(parsers.JSONParser):
    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        too_deep = _("JSON parse error - nested more than %(depth)d levels deep.") % {
            "depth": MAX_DEPTH
        }
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(too_deep) from None
        if nesting_depth(data) > MAX_DEPTH:
            raise ParseError(too_deep)
        return data
