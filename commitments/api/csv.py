"""Flatten API rows into CSV columns, for the `?format=csv` lists and the streamed export.

The columns come from the serializer that documents a row (one description for the OpenAPI schema
and the CSV header): a nested object becomes `parent.child` columns, a list of objects becomes one
`parent.child` column per sub-field with the values joined by "; ", a list of strings is joined the
same way. Empty values are empty cells; booleans are `true`/`false`; dates are ISO 8601.

Text that a spreadsheet would read as a formula (a cell starting with =, +, -, @, a tab or a carriage
return) gets a leading single quote, so an imported title or a reporter's note cannot run in the
reader's spreadsheet. Only text is touched: numbers, dates and booleans come out as they are.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import orjson
from rest_framework import serializers

LIST_SEPARATOR = "; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER_FIELDS = (serializers.IntegerField, serializers.DecimalField, serializers.FloatField)


@dataclass(frozen=True)
class Column:
    header: str
    get: Callable[[dict], str]


def neutralised(text: str) -> str:
    """`text` made inert for spreadsheets: a leading ' when it would start a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value: Any) -> str:
    if isinstance(value, str):
        return neutralised(value)
    return plain_cell(value)


def plain_cell(value: Any) -> str:
    """`value` as CSV text, without formula quoting: empty for None, `true`/`false`, ISO dates."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, dict | list):
        return orjson.dumps(value, default=str).decode()
    return str(value)


def path_getter(path: tuple[str, ...]) -> Callable[[dict], Any]:
    """The value at `path` in a row of nested dicts; None where the path runs out."""

    def get(row: dict) -> Any:
        value: Any = row
        for key in path:
            if not isinstance(value, dict):
                return None
            value = value.get(key)
        return value

    return get


def _scalar(path: tuple[str, ...], *, numeric: bool = False) -> Callable[[dict], str]:
    get = path_getter(path)
    # A number column may hold a number as text ("-3.0000" from a DecimalField): not a formula.
    return (lambda row: plain_cell(get(row))) if numeric else (lambda row: cell(get(row)))


def _joined(path: tuple[str, ...], sub: str | None) -> Callable[[dict], str]:
    get = path_getter(path)

    def join(row: dict) -> str:
        items = get(row) or []
        values = items if sub is None else [item.get(sub) for item in items]
        joined = LIST_SEPARATOR.join(plain_cell(value) for value in values)
        # One cell: neutralised as a whole when any part of it is text.
        return neutralised(joined) if any(isinstance(v, str) for v in values) else joined

    return join


def csv_columns(serializer: serializers.Serializer, prefix: tuple[str, ...] = ()) -> list[Column]:
    """The CSV columns of a row described by `serializer`, in field order."""
    columns: list[Column] = []
    for name, field in serializer.fields.items():
        path = (*prefix, name)
        header = ".".join(path)
        if isinstance(field, serializers.ListSerializer) and isinstance(
            field.child, serializers.Serializer
        ):
            for sub in field.child.fields:
                columns.append(Column(f"{header}.{sub}", _joined(path, sub)))
        elif isinstance(field, serializers.Serializer):
            columns.extend(csv_columns(field, path))
        elif isinstance(field, serializers.ListField):
            columns.append(Column(header, _joined(path, None)))
        else:
            numeric = isinstance(field, NUMBER_FIELDS)
            columns.append(Column(header, _scalar(path, numeric=numeric)))
    return columns


class _Echo:
    """A file-like object whose write returns the line, for streaming with csv.writer."""

    def write(self, value: str) -> str:
        return value


def iter_csv(rows: Iterable[dict], columns: list[Column]) -> Iterator[str]:
    """CSV text, one line per yielded string: the header first, then one line per row."""
    writer = csv.writer(_Echo())
    yield writer.writerow([column.header for column in columns])
    for row in rows:
        yield writer.writerow([column.get(row) for column in columns])


def write_csv(rows: list[dict], columns: list[Column] | None) -> str:
    if columns is None:
        # No description of the rows: use the keys of the first one.
        keys = list(rows[0]) if rows else []
        columns = [Column(key, _scalar((key,))) for key in keys]
    buffer = io.StringIO()
    for line in iter_csv(rows, columns):
        buffer.write(line)
    return buffer.getvalue()
