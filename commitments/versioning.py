"""No lost updates: every editable record carries a version, and a change made over a newer one is
refused with what changed, and by whom.

`claim_version(record, expected)` is the one way a version moves: one conditional
``UPDATE ... SET version = version + 1 WHERE pk = ... AND version = expected`` whose row count is
checked, raising StaleVersion (who changed what) when someone else saved first, on PostgreSQL or
SQLite. The admin (VersionedAdminMixin and its inlines, in commitments/admin/versioned.py), the
write API (`update_versioned`, which applies a dict of changes over a claimed version) and the IRM
services all call it inside their transaction, then save the record through the model so
django-simple-history keeps who, when, before and after. Only the sheet importer (in the IRM app),
which rewrites thousands of rows with one bulk_update, moves versions in memory: a conditional
UPDATE per row would cost a query each.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Fields an editor never types, besides every field declared editable=False (labels, stars and
# provenance computed from what was typed): left out of diffs shown to people.
NOT_SHOWN_IN_DIFFS = frozenset(
    {
        "id",
        "version",
        "updated_at",
        "created_at",
        "normalized_name",
        "search_text",
        "source_key",
        # Cached by the services that record what they summarise (status updates: services
        # CACHED_STATUS_FIELDS; the IRM's assessments), never by an editor: a diff would credit
        # a report's level to whoever saves the commitment next.
        "self_reported_completion",
        "self_reported_as_of",
        "government_completion",
        "government_as_of",
        "irm_completion",
        "irm_starred",
        "irm_report_kind",
        "irm_report_published_on",
        "irm_report_year",
        "is_overdue",
    }
)


@dataclass(frozen=True)
class FieldChange:
    """One field's value before and after a change, as shown to a person."""

    field: str
    label: Any
    old: Any  # the stored values (choice codes, ids)
    new: Any
    old_display: Any  # what a person reads (choice labels)
    new_display: Any
    # A many-to-many field's links: the names added and removed (its values are lists of ids).
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        row = {
            "field": self.field,
            "label": str(self.label),
            "old": _plain(self.old),
            "new": _plain(self.new),
            "old_display": str(_shown(self.old_display)),
            "new_display": str(_shown(self.new_display)),
        }
        if self.added or self.removed:
            row.update(added=list(self.added), removed=list(self.removed))
        return row


def _plain(value: Any) -> Any:
    """A JSON-friendly form of a field value."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


def _shown(value: Any) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, datetime.datetime | datetime.date):
        return formats.localize(value)
    return str(value)


@dataclass(eq=False)
class StaleVersion(Exception):
    """Raised when an edit was made over an older version than the one stored."""

    current: models.Model
    changed_by: Any = None  # a User or None when the history does not say
    changed_at: datetime.datetime | None = None
    changes: list[FieldChange] = field(default_factory=list)
    # Who saved each version since the one the edit started from, and when, oldest first.
    editors: tuple[tuple[Any, datetime.datetime], ...] = ()

    def __str__(self) -> str:
        return self.message()

    def _told(self, viewer: Any) -> tuple[Any, datetime.datetime | None, bool]:
        """Who the refusal names to `viewer` (the person whose save was refused), when, and
        whether it is the viewer themselves: when every change since was theirs (another tab),
        it says "you"; else it names the latest change by someone else, as the public change
        history does (`public_name`), never more."""
        if viewer is None or not getattr(viewer, "is_authenticated", False):
            return self.changed_by, self.changed_at, False
        others = [(user, at) for user, at in self.editors if getattr(user, "pk", None) != viewer.pk]
        if self.editors and not others:
            return viewer, self.editors[-1][1], True
        if others:
            return (*others[-1], False)
        return self.changed_by, self.changed_at, False

    def changed_by_name(self, viewer: Any = None) -> str:
        return _name_of(self._told(viewer)[0])

    def message(self, viewer: Any = None) -> str:
        """ "This record was changed by ana at 27 Nov 2026 14:03: title: old -> new; ..."; to the
        `viewer` who made that change themselves, "You saved a change ... from another tab"."""
        user, at, yours = self._told(viewer)
        names = {"user": _name_of(user)}
        if yours:
            text = gettext(
                "You saved a change to this record from another tab, window or device at %(when)s"
            ) % {"when": _shown(timezone.localtime(at))}
        elif at is None:  # rows the importers moved in bulk have no history
            text = gettext("This record was changed by %(user)s since you opened it") % names
        else:
            when = _shown(timezone.localtime(at))
            text = gettext("This record was changed by %(user)s at %(when)s") % {
                **names,
                "when": when,
            }
        # Spanish starts with the name: "una persona registrada" would open the sentence.
        text = capfirst(text)
        if not self.changes:
            # Nothing to compare with (a record created meanwhile, a change made and undone).
            kept = gettext("Your input is kept below: save again to apply it over that change.")
        else:
            text += ": " + "; ".join(
                f"{change.label}: {_shown(change.old_display)} -> {_shown(change.new_display)}"
                for change in self.changes
            )
            kept = gettext(
                "Your input is kept below: check it against these changes and save again to "
                "apply it."
            )
        # "2:03 p.m." already ends the sentence.
        return (text if text.endswith(".") else text + ".") + " " + kept

    def as_dict(self, viewer: Any = None) -> dict[str, Any]:
        at = self._told(viewer)[1]
        return {
            "detail": self.message(viewer),
            "current_version": self.current.version,
            "changed_by": self.changed_by_name(viewer),
            "changed_at": at.isoformat() if at else None,
            "changes": [change.as_dict() for change in self.changes],
        }


def _name_of(user: Any) -> str:
    if user is None:
        return gettext("someone")
    from .models.members import public_name

    return public_name(user)


def etag_for(instance: models.Model) -> str:
    """A strong ETag naming the record and its version: "milestone-12-v3"."""
    return f'"{instance._meta.model_name}-{instance.pk}-v{instance.version}"'


def version_from_etag(model: type[models.Model], pk: Any, etag: str) -> int | None:
    """The version an If-Match value names for this record, or None if it names another one."""
    # A weak tag (W/"...") never matches strongly (RFC 9110 13.1.1): it fails the prefix test.
    value = etag.strip().strip('"')
    prefix = f"{model._meta.model_name}-{pk}-v"
    if not value.startswith(prefix):
        return None
    try:
        return int(value[len(prefix) :])
    except ValueError:
        return None


def field_changes(
    model: type[models.Model], old: Mapping[str, Any], new: Mapping[str, Any]
) -> list[FieldChange]:
    """The fields whose values differ between two snapshots (every concrete field's attname ->
    value, so a foreign key is its id; a many-to-many field's name -> {id: name} of its links,
    where both snapshots have it), in model order."""
    changes = []
    fields = sorted(
        [*model._meta.concrete_fields, *model._meta.many_to_many], key=lambda f: f.creation_counter
    )
    for model_field in fields:
        if model_field.name in NOT_SHOWN_IN_DIFFS or not model_field.editable:
            continue
        key = model_field.attname
        if model_field.many_to_many:
            if key in old and key in new and old[key].keys() != new[key].keys():
                changes.append(_link_change(model_field, old[key], new[key]))
            continue
        if old[key] == new[key]:
            continue
        changes.append(
            FieldChange(
                field=model_field.name,
                label=model_field.verbose_name,
                old=old[key],
                new=new[key],
                old_display=_display(model_field, old[key]),
                new_display=_display(model_field, new[key]),
            )
        )
    return changes


def _link_change(model_field: models.Field, old: Mapping[int, str], new: Mapping[int, str]):
    return FieldChange(
        field=model_field.name,
        label=model_field.verbose_name,
        old=sorted(old),
        new=sorted(new),
        old_display=", ".join(sorted(old.values())),
        new_display=", ".join(sorted(new.values())),
        added=tuple(sorted(new[pk] for pk in new.keys() - old.keys())),
        removed=tuple(sorted(old[pk] for pk in old.keys() - new.keys())),
    )


def _display(model_field: models.Field, value: Any) -> Any:
    if isinstance(value, bool):  # "Sí" / "No", not Python's True / False
        return gettext("Yes") if value else gettext("No")
    choices = dict(model_field.flatchoices)  # empty for a field without choices
    # `choices and` first: a JSONField's value (a dict or a list) cannot be looked up.
    if choices and value in choices:
        return str(choices[value])
    return value


def name_foreign_keys(model: type[models.Model], change_lists: list[list[FieldChange]]) -> None:
    """Show the foreign keys changed in these lists (a commitment's plan or lead organisation, a
    milestone's commitment) by name, not id, in place: one query per related model, whatever the
    number of changes; one deleted since is shown as "#id"."""
    keys = {f.name: f.related_model for f in model._meta.concrete_fields if f.many_to_one}
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for changes in change_lists:
        for change in changes:
            if change.field in keys:
                wanted[keys[change.field]].update(
                    v for v in (change.old, change.new) if v is not None
                )
    names = {
        related: {obj.pk: str(obj) for obj in related._base_manager.filter(pk__in=ids)}
        for related, ids in wanted.items()
    }

    def shown(related: type[models.Model], value: Any) -> Any:
        return None if value is None else names[related].get(value, f"#{value}")

    for changes in change_lists:
        for i, change in enumerate(changes):
            if change.field in keys:
                related = keys[change.field]
                changes[i] = replace(
                    change,
                    old_display=shown(related, change.old),
                    new_display=shown(related, change.new),
                )


def _snapshot(record: Any, model: type[models.Model]) -> dict[str, Any]:
    return {f.attname: getattr(record, f.attname) for f in model._meta.concrete_fields}


def stale_details(model: type[models.Model], current: models.Model, expected_version: int):
    """Build the StaleVersion for `current`, describing what changed since `expected_version`."""
    records = list(
        current.history.filter(version__gte=expected_version)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    changed_by = changed_at = None
    changes: list[FieldChange] = []
    base = next((r for r in records if r.version == expected_version), None)
    if records:
        changed_by, changed_at = records[-1].history_user, records[-1].history_date
    if base is not None:
        changes = field_changes(model, _snapshot(base, model), _snapshot(current, model))
        name_foreign_keys(model, [changes])
    return StaleVersion(
        current=current,
        changed_by=changed_by,
        changed_at=changed_at,
        changes=changes,
        editors=tuple(
            (r.history_user, r.history_date) for r in records if r.version > expected_version
        ),
    )


def claim_version(record: models.Model, expected: int) -> None:
    """Move `record`'s stored version from `expected` to the next one, or raise StaleVersion naming
    who changed what when it is no longer at `expected` (DoesNotExist if it was deleted). Call it
    inside the transaction that then saves the record; `record.version` is set to the new version."""
    model = type(record)
    manager = model._default_manager
    # The check and the write are one statement: a concurrent editor's UPDATE waits on the row
    # (PostgreSQL) or the database (SQLite) and then finds the version moved.
    if not manager.filter(pk=record.pk, version=expected).update(version=F("version") + 1):
        raise stale_details(model, manager.get(pk=record.pk), expected)
    # A plain value, not F(): the history row copies it.
    record.version = expected + 1


def update_versioned(
    model_or_instance: type[models.Model] | models.Model,
    pk: Any = None,
    *,
    expected_version: int,
    changes: Mapping[str, Any],
    user,
) -> models.Model:
    """Apply `changes` (field name -> value; no many-to-many) to a record if it is still at
    `expected_version`, bump its version and record the change (who, when, before, after) in its
    history. Raises StaleVersion if someone else changed it first, ValidationError (nothing written)
    if the result is invalid."""
    if isinstance(model_or_instance, models.Model):
        model, pk = type(model_or_instance), model_or_instance.pk
    else:
        model = model_or_instance
    manager = model._default_manager

    with transaction.atomic():
        current = manager.get(pk=pk)  # DoesNotExist if it was deleted
        if current.version == expected_version and not _differs(current, changes):
            # Nothing to change: no new version, no history row (a repeated PATCH is a no-op).
            return current
        claim_version(current, expected_version)
        obj = manager.get(pk=pk)  # re-read: `current` may predate a change made to reach `expected`
        for name, value in changes.items():
            setattr(obj, name, value)
        obj.full_clean(exclude=_unchanged_fields(model, changes))  # unique values included
        obj._history_user = user
        # Every versioned model has `updated_at` (auto_now), which save() sets only when named.
        update_fields = {model._meta.get_field(name).name for name in changes}
        obj.save(update_fields=sorted(update_fields | {"version", "updated_at"}))
    return obj


def _differs(obj: models.Model, changes: Mapping[str, Any]) -> bool:
    """Whether applying the (non many-to-many) changes would alter `obj`."""
    return any(getattr(obj, name) != value for name, value in changes.items())


def _unchanged_fields(model: type[models.Model], changes: Mapping[str, Any]) -> list[str]:
    changed = {model._meta.get_field(name).name for name in changes}
    return [f.name for f in model._meta.concrete_fields if f.name not in changed]


class RefusesStaleMixin:
    """For a form carrying the version its user started from in a field named ``version``."""

    # Who fills the form in: a refusal tells them when the other save was their own. The admin
    # sets it on the form class it builds for each request (VersionedAdminMixin).
    viewer: Any = None

    def refuse(self, stale: StaleVersion) -> None:
        """Show the conflict and let the next submit apply the user's input over the current version."""
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = str(stale.current.version)
        self.add_error(None, ValidationError(stale.message(self.viewer), code="stale"))


class VersionedModelForm(RefusesStaleMixin, forms.ModelForm):
    """A ModelForm that refuses to save over a newer version of its record.

    It carries the version the user started from in a hidden field. When someone else saved first,
    the form gets a non-field error naming who changed what, the user's input stays in the form, and
    the hidden version moves to the current one so that saving again applies their input on purpose.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.initial.setdefault("version", self.instance.version)
            self.fields["version"].required = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        expected = cleaned.get("version")
        if expected is None:
            return cleaned
        model = type(self.instance)
        current = model._default_manager.filter(pk=self.instance.pk).first()
        if current is None:
            raise ValidationError(_("This record has been deleted."), code="deleted")
        if current.version != expected:
            self.refuse(stale_details(model, current, expected))
        return cleaned


def claim_form_version(form: VersionedModelForm) -> None:
    """claim_version for a validated VersionedModelForm's existing record, at the version the form
    started from (its clean() catches the usual case with a friendly error; this closes the race)."""
    if form.instance.pk is not None:
        claim_version(form.instance, form.cleaned_data["version"])


def claim_formset_versions(formset: Any) -> None:
    """claim_form_version for every changed, existing, kept record of an inline formset."""
    deleted = set(formset.deleted_forms)
    for inline_form in formset.forms:
        if (
            isinstance(inline_form, VersionedModelForm)
            and inline_form.instance.pk is not None
            and inline_form not in deleted
            and inline_form.has_changed()
        ):
            claim_form_version(inline_form)
