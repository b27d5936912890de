"""JSON (orjson) and CSV renderers for the public API.

Both render the same rows: the CSV renderer flattens each row into the columns that the view's
documentation serializer declares (see `commitments.api.csv`), one row per record.
"""

from __future__ import annotations

from typing import Any

import orjson
from rest_framework.renderers import BaseRenderer

from .csv import csv_columns, write_csv


class ORJSONRenderer(BaseRenderer):
    """Plain JSON through orjson: dates, datetimes and decimals as ISO strings, no indentation."""

    media_type = "application/json"
    format = "json"
    charset = None  # JSON is UTF-8 by definition
    options = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_SUBCLASS

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: dict | None = None,
    ) -> bytes:
        if data is None:
            return b""
        return orjson.dumps(data, default=str, option=self.options)


class CSVRenderer(BaseRenderer):
    """The rows of a list, flattened: one record a row, UTF-8 with a header line."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: dict | None = None,
    ) -> bytes:
        view = (renderer_context or {}).get("view")
        if isinstance(data, dict) and "results" in data:
            rows = data["results"]
        elif isinstance(data, list):
            rows = data
        else:
            rows = [data]
        serializer_class = view.get_csv_serializer_class() if view is not None else None
        columns = csv_columns(serializer_class()) if serializer_class is not None else None
        return write_csv(rows, columns).encode("utf-8")
