"""Page-number pagination that pages ids, not rows (see /work/shared/PERF-NOTES.md).

The count runs on the filtered base table (filters use id subqueries, not joins). The page is a
list of primary keys, picked by an index scan; the view then fetches the rows for those keys only.
"""

from __future__ import annotations

import re
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response

MAX_PAGE_SIZE = 500


class IdPages:
    """What Django's Paginator needs (count and slicing) over the ids of a filtered queryset."""

    def __init__(self, queryset: QuerySet, ordering: list[str]) -> None:
        self.queryset = queryset
        self.ordering = ordering
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.queryset.order_by().count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[Any]:
        return list(self.queryset.order_by(*self.ordering).values_list("pk", flat=True)[index])


def one_whole_number(values: list[str]) -> int | None:
    """The number a query parameter given once as plain digits holds (`2`, never `+2`, `2.0`,
    `²` or `2_0`), else None."""
    if len(values) != 1 or not re.fullmatch(r"[0-9]{1,18}", values[0]):
        return None
    return int(values[0])


class IdPagination(PageNumberPagination):
    """Strict, like the rest of the API: a page or page size that is not a whole number in range
    is a 400 naming the parameter (DRF answers 404 "Invalid page." or silently the default); a
    page past the end stays a 404."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_number(self, request: Request, paginator: Any) -> int:
        values = request.query_params.getlist(self.page_query_param)
        if not values:
            return 1
        if len(values) == 1 and values[0] in self.last_page_strings:  # DRF's `?page=last`
            return paginator.num_pages
        number = one_whole_number(values)
        if number is None or number < 1:
            raise ValidationError(
                {
                    self.page_query_param: [
                        _("Give one page number: a whole number from 1, or last.")
                    ]
                }
            )
        if number > paginator.num_pages:  # DRF's 404 says only "Invalid page."
            raise NotFound(
                _("Page %(page)d is past the last page, %(last)d.")
                % {"page": number, "last": paginator.num_pages}
            )
        return number

    def get_page_size(self, request: Request) -> int:
        values = request.query_params.getlist(self.page_size_query_param)
        if not values:
            return self.page_size
        size = one_whole_number(values)
        if size is None or not 1 <= size <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("Give one whole number from 1 to %(max)d.") % {"max": self.max_page_size}
                    ]
                }
            )
        return size

    def get_paginated_response(self, data: list) -> Response:
        response = super().get_paginated_response(data)
        response["X-Total-Count"] = str(self.page.paginator.count)
        links = [
            f'<{url}>; rel="{rel}"'
            for url, rel in ((self.get_next_link(), "next"), (self.get_previous_link(), "prev"))
            if url
        ]
        if links:
            response["Link"] = ", ".join(links)
        return response

    def get_paginated_response_schema(self, schema: dict) -> dict:
        paginated = super().get_paginated_response_schema(schema)
        descriptions = {
            "count": _("Number of records matching the filters, on all pages."),
            "next": _("URL of the next page, or null on the last one."),
            "previous": _("URL of the previous page, or null on the first one."),
            "results": _("The records of this page."),
        }
        for name, description in descriptions.items():
            paginated["properties"][name]["description"] = str(description)
        return paginated

    def get_schema_operation_parameters(self, view: Any) -> list[dict]:
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": str(_("Page number, from 1, or last for the last page.")),
                "schema": {
                    "oneOf": [
                        {"type": "integer", "minimum": 1},
                        {"type": "string", "enum": list(self.last_page_strings)},
                    ]
                },
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": str(
                    _("Rows per page, from 1 to %(max)d (default %(default)d).")
                    % {"max": self.max_page_size, "default": self.page_size}
                ),
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]
