"""Idempotent writes for the demo loaders: a second run finds every row as it wants it and saves nothing
(no UPDATE, no new history row, no version bump)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.db import models

from commitments.models import Commitment, StatusUpdate
from commitments.services import record_status_update
from commitments.versioning import claim_version

M = TypeVar("M", bound=models.Model)

# The link every demo status update cites: OGP's page on Peru.
PERU_LINK = "https://www.opengovpartnership.org/members/peru/"


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


def status_update_once(
    *, commitment: Commitment, author: Any, completion: str, as_of: datetime.date, note: str
) -> bool:
    """Record a demo status update through the one service, citing PERU_LINK, unless the author
    already reported on the commitment that day: status updates are append-only, so a second run
    adds nothing. Returns whether it recorded one."""
    if StatusUpdate.objects.filter(commitment=commitment, author=author, as_of=as_of).exists():
        return False
    record_status_update(
        commitment=commitment,
        author=author,
        completion=completion,
        as_of=as_of,
        note=note,
        links=(PERU_LINK,),
    )
    return True
