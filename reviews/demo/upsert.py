"""Idempotent writes for the demo loaders: a second run finds every row as it wants it and saves nothing
(no UPDATE, no new history row, no version bump)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import models

from commitments.versioning import claim_version

M = TypeVar("M", bound=models.Model)


def _db_value(field: models.Field, value: Any) -> Any:
    if field.is_relation and isinstance(value, models.Model):
        return value.pk
    return value


def upsert(model: type[M], lookup: Mapping[str, Any], values: Mapping[str, Any]) -> tuple[M, bool]:
    """Create the row found by `lookup` with `values`, or bring an existing one up to `values`.

    Returns (row, written): written is False when the row already held exactly these values."""
    row = model._default_manager.filter(**lookup).first()
    if row is None:
        row = model(**lookup, **values)
        row.save()
        return row, True
    changed = []
    for name, value in values.items():
        field = model._meta.get_field(name)
        if getattr(row, field.attname) != _db_value(field, value):
            setattr(row, name, value)
            changed.append(field.name)
    if not changed:
        return row, False
    field_names = {f.name for f in model._meta.concrete_fields}
    if "version" in field_names:
        claim_version(row, row.version)
        changed.append("version")
    if "updated_at" in field_names:
        changed.append("updated_at")
    row.save(update_fields=changed)
    return row, True


def set_m2m(row: models.Model, name: str, targets: Iterable[models.Model]) -> bool:
    """Make a many-to-many field hold exactly `targets`; touch nothing if it already does."""
    manager = getattr(row, name)
    wanted = {t.pk for t in targets}
    if set(manager.values_list("pk", flat=True)) == wanted:
        return False
    manager.set(wanted)
    return True
