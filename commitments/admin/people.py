"""Members, organisations and their aliases, users, their profiles and roles."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin import RelatedFieldListFilter, RelatedOnlyFieldListFilter
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ..models import (
    Member,
    Organization,
    OrganizationAlias,
    Profile,
    normalize_name,
)
from ..roles import role_label
from .base import (
    LabelledColumnsMixin,
    LabelledFormSet,
    MemberListFilter,
    MemberNameSearchMixin,
)
from .versioned import VersionedAdminMixin

User = get_user_model()


@admin.register(Member)
class MemberAdmin(MemberNameSearchMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "code",
        "iso_alpha2",
        "commitment_prefix",
        "kind",
        "country",
        "joined_on",
    ]
    list_filter = ["kind"]
    search_fields = ["name", "code", "iso_alpha2", "commitment_prefix"]
    autocomplete_fields = ["country"]
    list_select_related = ["country"]


class AliasForm(forms.ModelForm):
    def clean(self) -> dict[str, Any]:
        # The unique key is the normalised name, which is not a form field: check it here so a
        # duplicate spelling is a form error, not a database error.
        data = super().clean()
        organization, name = data.get("organization"), data.get("name")
        if organization is not None and name:
            duplicate = OrganizationAlias.objects.filter(
                organization=organization, normalized=normalize_name(name)
            ).exclude(pk=self.instance.pk)
            if duplicate.exists():
                self.add_error("name", _("This organisation already has this alternative name."))
        return data


class AliasInlineFormSet(LabelledFormSet):
    def clean(self) -> None:
        super().clean()
        seen: set[str] = set()
        for form in self.forms:
            name = form.cleaned_data.get("name") if hasattr(form, "cleaned_data") else None
            if not name or form.cleaned_data.get("DELETE"):
                continue
            key = normalize_name(name)
            if key in seen:
                form.add_error("name", _("This alternative name is listed twice."))
            seen.add(key)


class OrganizationAliasInline(LabelledColumnsMixin, admin.TabularInline):
    model = OrganizationAlias
    formset = AliasInlineFormSet
    extra = 1
    fields = ["name"]


@admin.register(Organization)
class OrganizationAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "acronym", "kind", "member", "parent"]
    list_filter = ["kind", ("member", MemberListFilter)]
    # The normalised names let "gestion publica" find "Gestión Pública".
    search_fields = ["name", "normalized_name", "acronym", "slug", "aliases__normalized"]
    autocomplete_fields = ["parent", "member"]
    prepopulated_fields = {"slug": ["name", "acronym"]}
    list_select_related = ["member", "parent"]
    inlines = [OrganizationAliasInline]

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        # Accent-blind both ways: "Contraloría" finds what "contraloria" finds.
        return super().get_search_results(request, queryset, normalize_name(search_term))


@admin.register(OrganizationAlias)
class OrganizationAliasAdmin(admin.ModelAdmin):
    form = AliasForm
    list_display = ["name", "organization"]
    search_fields = ["name", "organization__name", "organization__acronym"]
    list_filter = [("organization", RelatedOnlyFieldListFilter)]
    autocomplete_fields = ["organization"]
    list_select_related = ["organization"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "organization"]
    search_fields = ["user__username", "user__email", "organization__name"]
    list_filter = [("organization", RelatedOnlyFieldListFilter)]
    autocomplete_fields = ["user", "organization"]
    list_select_related = ["user", "organization"]


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    max_num = 1
    autocomplete_fields = ["organization"]
    verbose_name_plural = _("organisation")


admin.site.unregister(User)
admin.site.unregister(Group)


class RoleListFilter(RelatedFieldListFilter):
    """Filter users by role, each role in the reader's language."""

    def field_choices(self, field: Any, request: HttpRequest, model_admin: Any) -> list:
        return [(pk, role_label(name)) for pk, name in Group.objects.values_list("pk", "name")]


@admin.register(Group)
class RoleAdmin(GroupAdmin):
    """The role groups, named in the reader's language (the stored name is the code's key)."""

    list_display = ["role"]

    @admin.display(description=_("role"), ordering="name")
    def role(self, group: Group) -> str:
        return role_label(group.name)


@admin.register(User)
class ProfiledUserAdmin(UserAdmin):
    """Django's user admin with the user's organisation. Only a superuser may grant superuser status
    or single permissions, or change a superuser: a plan administrator cannot raise themselves."""

    inlines = [ProfileInline]
    list_display = [*UserAdmin.list_display, "organization"]
    list_filter = [
        *(("groups", RoleListFilter) if f == "groups" else f for f in UserAdmin.list_filter),
        ("profile__organization", RelatedOnlyFieldListFilter),
    ]
    search_fields = [*UserAdmin.search_fields, "profile__organization__name"]
    list_select_related = ["profile__organization"]

    @admin.display(description=_("organisation"), ordering="profile__organization__name")
    def organization(self, user: Any) -> Any:
        profile = getattr(user, "profile", None)
        return profile.organization if profile is not None else None

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if field is not None and db_field.name == "groups":
            field.label_from_instance = lambda group: role_label(group.name)
        return field

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["is_superuser", "user_permissions"]
        return readonly

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)
