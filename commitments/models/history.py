"""What every record people edit keeps: the version its optimistic lock claims, when it last
changed, and its history (with the links, many-to-many fields, the public change history shows)."""

from __future__ import annotations

from typing import Any

from django.db import models
from simple_history.models import HistoricalRecords


class LinkedHistoricalRecords(HistoricalRecords):
    """django-simple-history's HistoricalRecords with `m2m_fields`, with two savings:

    - the record written as a row is created does not copy its links: none can point at a row
      before it exists, so the copy would cost one query per kept field and find nothing;
    - a save and its link changes can be held and written as one record (`hold_history`,
      `write_held_history`): an admin save that edits fields and replaces links is one entry in
      the public history, not one per link step (a `.set()` removes, then adds).
    """

    def contribute_to_class(self, cls: type[models.Model], name: str) -> None:
        super().contribute_to_class(cls, name)
        cls._linked_history = self  # on an abstract base, every subclass inherits it

    def create_historical_record_m2ms(self, history_instance: Any, instance: Any) -> None:
        if history_instance.history_type == "+" and not getattr(instance, "_held_history", False):
            return
        super().create_historical_record_m2ms(history_instance, instance)


class VersionedModel(models.Model):
    """Base of a record people edit: `version`, claimed by every edit (commitments.versioning),
    `updated_at`, and its `history`, which keeps the links a subclass names in
    `_history_m2m_fields` (simple-history reads that attribute on each subclass)."""

    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    history = LinkedHistoricalRecords(inherit=True)

    class Meta:
        abstract = True


def _keeps_links(model: type[models.Model]) -> bool:
    records = getattr(model, "_linked_history", None)
    return isinstance(records, LinkedHistoricalRecords) and bool(
        records.get_m2m_fields_from_model(model)
    )


def hold_history(instance: models.Model) -> None:
    """`instance`'s next saves and link changes write no history until `write_held_history`. Does
    nothing for a model whose history keeps no links."""
    if _keeps_links(type(instance)):
        # django-simple-history's own flag, read by its save and link-change handlers.
        instance.skip_history_when_saving = True
        instance._held_history = True


def write_held_history(instance: models.Model, *, created: bool) -> None:
    """One record of `instance` as it is now, its links with it, for what was held since
    `hold_history` (nothing if nothing was held)."""
    if not getattr(instance, "_held_history", False):
        return
    del instance.skip_history_when_saving
    try:
        type(instance)._linked_history.create_historical_record(instance, "+" if created else "~")
    finally:
        del instance._held_history
