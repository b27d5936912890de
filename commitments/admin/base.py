"""What every admin page of the site shares: plans named by member and number in every pick-list,
relations in an add form's address checked, and the mixins of append-only and tabular pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..figures.values import Rate
from ..models import (
    ActionPlan,
    Member,
)
from ..models.members import natural_key

# --- Pick-lists that tell plans apart ----------------------------------------------------------------
# Two plans may both be titled "Plan de Acción de Gobierno Abierto 20xx": every admin pick-list of
# plans (autocomplete, selected value, list filter) shows "Perú · plan 1 (2012-2014)" instead
# (ActionPlan.pick_label).


def pick_label(obj: Any) -> str:
    return obj.pick_label if isinstance(obj, ActionPlan) else str(obj)


class PickLabelAutocompleteJsonView(AutocompleteJsonView):
    """The admin's autocomplete, with plans named by member and number, and plans and members in
    the order of the names it shows (in the page's language)."""

    def get_queryset(self) -> QuerySet:
        found = super().get_queryset()
        if self.model_admin.model is ActionPlan:
            return found.in_member_order()
        if self.model_admin.model is Member:
            return found.in_name_order()
        return found

    def serialize_result(self, obj: Any, to_field_name: str) -> dict:
        return {"id": str(getattr(obj, to_field_name)), "text": pick_label(obj)}


def _autocomplete_view(request: HttpRequest) -> Any:
    return PickLabelAutocompleteJsonView.as_view(admin_site=admin.site)(request)


admin.site.autocomplete_view = _autocomplete_view  # one site-wide view for every autocomplete


# --- Initial values from the address ---------------------------------------------------------------
# An add form takes initial values from its address (?action_plan=3). Django renders a relation's
# value as given, so ?action_plan=x was a server error: a value the relation cannot hold is dropped
# instead, for every admin of the site (ours, users, groups).

_django_changeform_initial_data = admin.ModelAdmin.get_changeform_initial_data


def _checked_changeform_initial_data(model_admin: Any, request: HttpRequest) -> dict[str, Any]:
    initial = _django_changeform_initial_data(model_admin, request)
    for name in list(initial):
        try:
            field = model_admin.opts.get_field(name)
        except FieldDoesNotExist:
            continue
        if not (field.many_to_one or field.many_to_many or field.one_to_one):
            continue
        values = initial[name] if isinstance(initial[name], list) else [initial[name]]
        try:
            for value in values:
                field.target_field.to_python(value)
        except ValidationError:
            del initial[name]
    return initial


admin.ModelAdmin.get_changeform_initial_data = _checked_changeform_initial_data


class PlanListFilter(RelatedOnlyFieldListFilter):
    """Filter by plan, each named by member and number."""

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> list:
        pks = (
            model_admin.get_queryset(request)
            .values_list(f"{self.field_path}__pk", flat=True)
            .distinct()
        )
        plans = ActionPlan.objects.filter(pk__in=pks).select_related("member").in_member_order()
        return [(plan.pk, plan.pick_label) for plan in plans]


class MemberListFilter(RelatedOnlyFieldListFilter):
    """Filter by member, in the order of the names it shows (the page's language: "España"
    before "Kenia" and "Perú")."""

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> list:
        choices = super().field_choices(field, request, model_admin)
        return sorted(choices, key=lambda choice: natural_key(str(choice[1])))


class PlanPickListMixin:
    """Plan fields of an admin form show the plan's pick label, in the order of those labels."""

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and db_field.related_model is ActionPlan:
            field.queryset = field.queryset.select_related("member").in_member_order()
            field.label_from_instance = pick_label
        return field


class MemberNameSearchMixin:
    """The admin's search (and its autocomplete) finds a member by its name in either language:
    "Kenia" finds Kenya, which OGP writes in English (MemberQuerySet.named). `member_path` is
    the path to the member from the listed rows ("" for members themselves)."""

    member_path = ""

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            members = Member.objects.named(search_term).values("pk")
            found |= queryset.filter(**{f"{self.member_path or 'pk'}__in": members})
        return found, may_have_duplicates


class NoAddOrChangeAdminMixin:
    """For records only the application writes: never added or changed here, not even by a
    superuser; whoever may delete them still can (see ReadOnlyAdminMixin for none)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdminMixin(NoAddOrChangeAdminMixin):
    """For append-only records: visible to whoever may view them, never added, changed or deleted
    here, not even by a superuser (a newer record corrects an older one)."""

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class LabelledFormSet(forms.BaseInlineFormSet):
    """A tabular inline's "delete" box names itself too (LabelledColumnsMixin)."""

    def add_fields(self, form: Any, index: Any) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs.setdefault("aria-label", _("Delete"))


class LabelledColumnsMixin:
    """A tabular inline names its inputs: the column header is no label for a screen reader, so each
    input carries its field's name (aria-label)."""

    def formfield_for_dbfield(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]
        if field is not None:
            name = capfirst(field.label or db_field.verbose_name)
            widget = getattr(field.widget, "widget", field.widget)  # inside the related wrapper
            widget.attrs.setdefault("aria-label", name)
        return field


def rate_text(rate: Rate) -> str:
    return f"{rate.numerator}/{rate.denominator}"
