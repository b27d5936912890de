"""The change history of a commitment and its milestones, as people read it: who, when, what.

Built from django-simple-history's records in two queries (the commitment's, its milestones'),
whatever the number of changes; each change is diffed against the record's previous version.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Commitment, Milestone, public_name
from .versioning import FieldChange, field_changes, name_foreign_keys

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
ACTION_KEYS = {"+": "created", "~": "changed", "-": "deleted"}


@dataclass(frozen=True)
class ChangeEntry:
    """One saved change of one record."""

    record_type: str  # "commitment" or "milestone"
    record_id: int
    record_label: str
    action: str  # "created", "changed", "deleted"
    action_label: Any
    at: datetime.datetime
    by: str  # the person's display name, never their e-mail address
    by_organization: str
    version: int
    changes: list[FieldChange] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "record_type": self.record_type,
            "record_id": self.record_id,
            "record": self.record_label,
            "action": self.action,
            "at": self.at.isoformat(),
            "by": self.by,
            "by_organization": self.by_organization,
            "version": self.version,
            "changes": [change.as_dict() for change in self.changes],
        }


def _person(user: Any) -> tuple[str, str]:
    if user is None:
        return str(_("system (import or maintenance)")), ""
    profile = getattr(user, "profile", None)
    organization = profile.organization.name if profile and profile.organization else ""
    return public_name(user), organization


@dataclass(frozen=True)
class KeptLinks:
    """A many-to-many field whose links the model's history keeps with each record."""

    name: str
    model: type[models.Model]  # the kept rows: the link's own columns, and `history`
    source: str  # the link's field naming the record ("commitment")
    target: str  # the one naming what it links to ("organization", "policyarea")


def kept_links(model: type[models.Model]) -> list[KeptLinks]:
    """The many-to-many fields of `model` its history keeps (HistoricalRecords' m2m_fields)."""
    historical = model.history.model
    return [
        KeptLinks(
            name=m2m_field.name,
            model=getattr(historical, m2m_field.name).model,
            source=m2m_field.m2m_field_name(),
            target=m2m_field.m2m_reverse_field_name(),
        )
        for m2m_field in historical._history_m2m_fields
    ]


def _links(model: type[models.Model], records: QuerySet) -> dict[tuple[int, str], dict[int, str]]:
    """The links each of these history records kept, by (history id, field): {id: name}. One
    query per many-to-many field the history keeps, whatever the number of records."""
    kept: dict[tuple[int, str], dict[int, str]] = defaultdict(dict)
    for links in kept_links(model):
        rows = links.model.objects.filter(
            history_id__in=records.values("history_id")
        ).select_related(links.target)
        for row in rows:
            target_id = getattr(row, f"{links.target}_id")
            linked = getattr(row, links.target)  # None once the organisation or area is deleted
            kept[row.history_id, links.name][target_id] = (
                str(linked) if linked is not None else f"#{target_id}"
            )
    return kept


def _entries(model: type[models.Model], records: QuerySet, record_type: str) -> list[ChangeEntry]:
    entries: list[ChangeEntry] = []
    previous: dict[int, dict[str, Any]] = {}
    links = _links(model, records)
    link_fields = [kept.name for kept in kept_links(model)]
    for record in records:
        snapshot = {f.attname: getattr(record, f.attname) for f in model._meta.concrete_fields}
        snapshot.update({name: links.get((record.history_id, name), {}) for name in link_fields})
        before = previous.get(record.id)
        changes = field_changes(model, before, snapshot) if before is not None else []
        previous[record.id] = snapshot
        if record.history_type == "~" and not changes:
            continue  # a save that changed nothing a person edits (version, cached figures)
        by, organization = _person(record.history_user)
        entries.append(
            ChangeEntry(
                record_type=record_type,
                record_id=record.id,
                record_label=str(getattr(record, "ogp_id", "") or record.title)[:200],
                action=ACTION_KEYS.get(record.history_type, "changed"),
                action_label=ACTIONS.get(record.history_type, _("changed")),
                at=record.history_date,
                by=by,
                by_organization=organization,
                version=record.version,
                changes=changes,
            )
        )
    name_foreign_keys(model, [entry.changes for entry in entries])
    return entries


def commitment_changes(commitment: Commitment) -> list[ChangeEntry]:
    """Every recorded change to the commitment and its milestones, newest first (two queries, and
    one per kept link field and per model a changed foreign key names)."""
    people = ("history_user__profile__organization",)
    own = (
        Commitment.history.filter(id=commitment.pk)
        .select_related(*people)
        .order_by("history_date", "history_id")
    )
    milestones = (
        Milestone.history.filter(commitment_id=commitment.pk)
        .select_related(*people)
        .order_by("history_date", "history_id")
    )
    entries = _entries(Commitment, own, "commitment") + _entries(Milestone, milestones, "milestone")
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries


def change_history_context(commitment: Commitment, *, limit: int = 20) -> dict[str, Any]:
    """Context for templates/commitments/_change_history.html on the public commitment page."""
    entries = commitment_changes(commitment)
    return {"change_history": entries[:limit], "change_history_total": len(entries)}
