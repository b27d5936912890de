"""A release table's Table Schema (its data dictionary) and its CSV, from its declaration in
`releases.tables`."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator
from typing import Any

from django.db import models

from commitments.api.csv import plain_cell
from commitments.api.serializers import DESCRIPTIONS

from .tables import BOOLEAN, Table


def model_field(model: type[models.Model], path: str) -> tuple[models.Field, models.Field]:
    """The field a path starts with (it describes the column) and the one it ends on (its type)."""
    first = None
    current: Any = None
    for part in path.split("__"):
        current = model._meta.get_field(part)
        first = first or current
        if current.is_relation and current.related_model is not None:
            model = current.related_model
    if current.is_relation and not current.many_to_many:
        # `report_id`-style paths: the type is the related model's primary key.
        current = current.target_field
    elif current.many_to_many:
        current = model._meta.pk
    return first, current


def _type(leaf: models.Field) -> str:
    if isinstance(leaf, models.BooleanField):
        return "boolean"
    if isinstance(leaf, models.AutoField | models.IntegerField):
        return "integer"
    if isinstance(leaf, models.DecimalField):
        return "number"
    if isinstance(leaf, models.DateTimeField):
        return "datetime"
    if isinstance(leaf, models.DateField):
        return "date"
    return "string"


def describe(first: models.Field, name: str) -> str:
    """A column's description: the model's help text, else the API's, else the field's name."""
    text = first.help_text or DESCRIPTIONS.get(name) or first.verbose_name
    text = str(text)
    return text[:1].upper() + text[1:]


def table_schema(table: Table) -> dict[str, Any]:
    """The Table Schema of `table` (in the active language: make it in English)."""
    fields = []
    for column in table.columns:
        if column.type and column.description:
            first = leaf = None
        else:
            first, leaf = model_field(table.model, column.path)
        entry: dict[str, Any] = {
            "name": column.name,
            "type": column.type or _type(leaf),
            "description": str(column.description or describe(first, column.name)),
        }
        if entry["type"] == "boolean":
            entry.update(BOOLEAN)
        choices = getattr(leaf, "choices", None) if column.type is None else None
        constraints: dict[str, Any] = {}
        if choices:
            constraints["enum"] = [str(value) for value, _label in choices]
        elif column.enum:
            constraints["enum"] = list(column.enum)
        if column.name in table.primary_key:
            constraints["required"] = True
        if constraints:
            entry["constraints"] = constraints
        fields.append(entry)
    schema: dict[str, Any] = {
        "fields": fields,
        "missingValues": [""],
        "primaryKey": list(table.primary_key),
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": [column],
                "reference": {"resource": other, "fields": [other_column]},
            }
            for column, other, other_column in table.foreign_keys
        ]
    return schema


def cell(value: Any) -> str:
    """A value as a release writes it: as the API's CSV does, but times in UTC (`Z`)."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    return plain_cell(value)


def table_rows(table: Table) -> Iterator[tuple]:
    if table.rows is not None:
        yield from table.rows()
        return
    yield from table.queryset().values_list(*(c.path for c in table.columns)).iterator(2000)


def table_csv(table: Table) -> tuple[bytes, int]:
    """The table as UTF-8 CSV, and its number of rows. Cells are written as stored: no formula
    quoting as the API's CSV does for spreadsheets, so a release is the data of record and loads
    back as it was."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in table.columns])
    count = 0
    for row in table_rows(table):
        writer.writerow([cell(value) for value in row])
        count += 1
    return buffer.getvalue().encode("utf-8"), count
