"""The admin's side of no lost updates (commitments.versioning): a change form, and each inline form
in it, carries the version its editor started from; a save over a newer one is refused with what
changed and by whom, the editor's input kept."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets
from django.http import HttpResponseRedirect

from ..models.history import hold_history, write_held_history
from ..versioning import (
    StaleVersion,
    VersionedModelForm,
    claim_form_version,
    claim_formset_versions,
)


def _without_version(fields: Any) -> Any:
    # `version` is a form field, not an editable model field: keep it out of modelform_factory.
    return None if fields is None else [name for name in fields if name != "version"]


def _with_version(fieldsets: Any) -> list:
    if "version" in flatten_fieldsets(fieldsets):
        return list(fieldsets)
    return [*fieldsets, (None, {"fields": ["version"]})]


class VersionedAdminMixin:
    """For a ModelAdmin of a versioned model: a change saved over a newer version is refused with
    what changed and by whom, the user's input kept. Put it first in the bases."""

    form = VersionedModelForm

    def get_fieldsets(self, request: Any, obj: Any = None) -> list:
        return _with_version(super().get_fieldsets(request, obj))

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if "fields" not in kwargs:
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        kwargs["fields"] = _without_version(kwargs["fields"])
        form = super().get_form(request, obj, change, **kwargs)
        form.viewer = request.user  # a class made for this request (modelform_factory)
        return form

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        if isinstance(form, VersionedModelForm):
            claim_form_version(form)  # does nothing on an add: the record has no pk yet
        # django-simple-history's request middleware records request.user as who changed it. A
        # record whose history keeps links gets one record once its links are saved too.
        hold_history(obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        write_held_history(form.instance, created=not change)

    def save_formset(self, request: Any, form: Any, formset: Any, change: bool) -> None:
        claim_formset_versions(formset)
        super().save_formset(request, form, formset, change)

    def changeform_view(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().changeform_view(request, *args, **kwargs)
        except StaleVersion as stale:
            # Someone saved between this form's check and its save (the transaction rolled back).
            self.message_user(request, stale.message(request.user), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class VersionedInlineMixin:
    """For an inline of a versioned model (the parent admin's VersionedAdminMixin claims versions)."""

    form = VersionedModelForm

    def get_fieldsets(self, request: Any, obj: Any = None) -> list:
        return _with_version(super().get_fieldsets(request, obj))

    def get_formset(self, request: Any, obj: Any = None, **kwargs: Any) -> Any:
        if "fields" not in kwargs:
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        kwargs["fields"] = _without_version(kwargs["fields"])
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.viewer = request.user  # a class made for this request (modelform_factory)
        return formset
