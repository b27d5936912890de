"""The Django admin for plan administrators: members, organisations, plans, commitments and users.

Every list page loads its rows with a fixed number of queries (select_related / annotate), and the
civil-society track is shown but never written here: status updates, their evidence and indicator
readings are append-only and go through commitments.services.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin import RelatedFieldListFilter, RelatedOnlyFieldListFilter
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .figures import Rate, figures_from_row
from .lineage import predecessor_errors, set_predecessors
from .models import (
    ActionPlan,
    Commitment,
    CommitmentFormerId,
    CompletionSnapshot,
    ConsultationEvent,
    Follow,
    Forum,
    ForumMeeting,
    Indicator,
    IndicatorReading,
    Member,
    Milestone,
    MilestoneProgress,
    NotificationDelivery,
    Organization,
    OrganizationAlias,
    OutcomeCheck,
    PlanProcess,
    PolicyArea,
    Profile,
    Proposal,
    SnapshotRun,
    SourceRecord,
    StatusEvidence,
    StatusUpdate,
    VisitorFollow,
    VisitorNotification,
    VisitorRequest,
    normalize_name,
)
from .roles import role_label
from .versioning import VersionedAdminMixin, VersionedInlineMixin, VersionedModelForm

User = get_user_model()


# --- Pick-lists that tell plans apart ----------------------------------------------------------------
# Two plans may both be titled "Plan de Acción de Gobierno Abierto 20xx": every admin pick-list of
# plans (autocomplete, selected value, list filter) shows "Perú · plan 1 (2012-2014)" instead
# (ActionPlan.pick_label).


def pick_label(obj: Any) -> str:
    return obj.pick_label if isinstance(obj, ActionPlan) else str(obj)


class PickLabelAutocompleteJsonView(AutocompleteJsonView):
    """The admin's autocomplete, with plans named by member and number."""

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
        plans = ActionPlan.objects.filter(pk__in=pks).select_related("member")
        return [(plan.pk, plan.pick_label) for plan in plans.order_by("member__name", "number")]


class PlanPickListMixin:
    """Plan fields of an admin form show the plan's pick label."""

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and db_field.related_model is ActionPlan:
            field.queryset = field.queryset.select_related("member")
            field.label_from_instance = pick_label
        return field


class ReadOnlyAdminMixin:
    """For append-only records: visible to whoever may view them, never added, changed or deleted
    here, not even by a superuser (a newer record corrects an older one)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

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


# --- Members and organisations -----------------------------------------------------------------------


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin):
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
    list_filter = ["kind", ("member", RelatedOnlyFieldListFilter)]
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


# --- Plans and commitments ---------------------------------------------------------------------------


class ActionPlanForm(VersionedModelForm):
    """A plan's id follows from its member and number when left empty (AP_PER01), and its status
    from its dates (ActionPlan.status_on): a plan past its end date is saved as ended."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "ogp_id" in self.fields:
            self.fields["ogp_id"].required = False
            self.fields["ogp_id"].help_text = _(
                "AP_ + member code + two digits: AP_PER01. Left empty, it is made from the member "
                "and the number."
            )
        if "status" in self.fields:
            self.fields["status"].help_text = _(
                "Follows the dates when you save: a plan past its end date has ended, one not yet "
                "started is in development. Withdrawn stays withdrawn."
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        member, number = cleaned.get("member"), cleaned.get("number")
        if not cleaned.get("ogp_id") and member is not None and number:
            cleaned["ogp_id"] = ActionPlan.make_ogp_id(member.code, number)
        elif not cleaned.get("ogp_id") and "ogp_id" in self.fields:
            self.add_error("ogp_id", _("Give the id, or the member and the number to make it."))
        if cleaned.get("status"):
            cleaned["status"] = ActionPlan.status_on(
                cleaned["status"],
                start=cleaned.get("start_date"),
                end=cleaned.get("end_date"),
                end_year=cleaned.get("end_year"),
                today=timezone.localdate(),
            )
        return cleaned


class SuggestedIdFormSet(LabelledFormSet):
    """New commitment rows of a plan's form come with the next free ids of its member's prefix
    (CommitmentQuerySet.next_free_ogp_ids); a row left untouched is not saved."""

    def __init__(self, *args: Any, instance: Any = None, **kwargs: Any) -> None:
        if instance is not None and instance.pk is not None and "initial" not in kwargs:
            suggested = Commitment.objects.next_free_ogp_ids(instance.member, count=self.extra)
            kwargs["initial"] = [{"ogp_id": ogp_id} for ogp_id in suggested]
        super().__init__(*args, instance=instance, **kwargs)


class PlanCommitmentInline(LabelledColumnsMixin, VersionedInlineMixin, admin.TabularInline):
    """A plan's commitments on its own form: the essentials, the rest on each commitment's page."""

    model = Commitment
    formset = SuggestedIdFormSet
    extra = 1
    fields = ["ogp_id", "number", "title", "start_date", "end_date", "lead_organization"]
    autocomplete_fields = ["lead_organization"]
    show_change_link = True
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2})}}

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("lead_organization")


@admin.register(ActionPlan)
class ActionPlanAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    form = ActionPlanForm
    inlines = [PlanCommitmentInline]
    list_display = [
        "ogp_id",
        "title",
        "member",
        "start_date",
        "end_date",
        "current_status",
        "commitments",
        "irm_complete",
        "irm_high_completion",
    ]
    list_filter = [("member", RelatedOnlyFieldListFilter), "status"]
    search_fields = ["ogp_id", "title", "member__name", "member__code"]
    autocomplete_fields = ["member"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # One query for the page: the completion counts are annotated on each plan.
        return super().get_queryset(request).select_related("member").with_completion()

    @admin.display(description=_("status"), ordering="status")
    def current_status(self, plan: ActionPlan) -> str:
        return plan.get_current_status_display()

    @admin.display(description=_("commitments"))
    def commitments(self, plan: ActionPlan) -> int:
        return figures_from_row(vars(plan)).commitment_count

    @admin.display(description=_("IRM: complete"))
    def irm_complete(self, plan: ActionPlan) -> str:
        return rate_text(figures_from_row(vars(plan)).irm.complete_rate)

    @admin.display(description=_("IRM: high completion"))
    def irm_high_completion(self, plan: ActionPlan) -> str:
        return rate_text(figures_from_row(vars(plan)).irm.high_completion_rate)


@admin.register(PolicyArea)
class PolicyAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class MilestoneInline(LabelledColumnsMixin, VersionedInlineMixin, admin.TabularInline):
    model = Milestone
    formset = LabelledFormSet
    extra = 0
    fields = ["title", "due_date", "status", "met_on", "state"]
    readonly_fields = ["state"]

    @admin.display(description=_("state"))
    def state(self, milestone: Milestone) -> str:
        return milestone.state_label() if milestone.pk else ""


class StatusUpdateInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = StatusUpdate
    fk_name = "commitment"
    extra = 0
    fields = ["as_of", "completion", "author", "author_organization", "note", "recorded_at"]
    readonly_fields = fields
    verbose_name_plural = _("status updates (civil society; append-only)")
    # Each row links to its read-only page: the table, scrolled sideways on a phone, can be reached
    # with the keyboard.
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("author", "author_organization")


class FormerIdInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Ids the commitment had before (a provisional id replaced by OGP's own), which redirect."""

    model = CommitmentFormerId
    extra = 0
    fields = readonly_fields = ["ogp_id", "replaced_at"]


class SourceRecordInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Every imported row the commitment came from, as it arrived."""

    model = SourceRecord
    extra = 0
    fields = readonly_fields = ["file_name", "row", "imported_at", "sha256", "cells"]
    classes = ["collapse"]


@admin.register(SourceRecord)
class SourceRecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["commitment", "file_name", "row", "imported_at"]
    list_filter = ["file_name", "file_format"]
    search_fields = ["commitment__ogp_id", "file_name", "sha256"]
    list_select_related = ["commitment"]


@admin.register(CommitmentFormerId)
class CommitmentFormerIdAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["ogp_id", "commitment", "replaced_at"]
    search_fields = ["ogp_id", "commitment__ogp_id"]
    list_select_related = ["commitment"]


class CommitmentAdminForm(VersionedModelForm):
    """Checks the predecessors with the lineage service's own rule."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        plan = cleaned.get("action_plan")
        if plan is not None and "predecessors" in cleaned:
            for error in predecessor_errors(plan, cleaned["predecessors"]):
                self.add_error("predecessors", error)
        return cleaned


@admin.register(Commitment)
class CommitmentAdmin(VersionedAdminMixin, PlanPickListMixin, SimpleHistoryAdmin):
    form = CommitmentAdminForm
    list_display = [
        "ogp_id",
        "number",
        "short_title",
        "action_plan",
        "lead_organization",
        "irm_completion",
        "irm_starred",
        "self_reported_completion",
    ]
    list_display_links = ["ogp_id", "short_title"]
    list_filter = [
        ("action_plan__member", RelatedOnlyFieldListFilter),
        ("action_plan", PlanListFilter),
        ("lead_organization", RelatedOnlyFieldListFilter),
        "irm_completion",
        "self_reported_completion",
        "irm_starred",
        "added_after_approval",
        "id_provisional",
    ]
    search_fields = [
        "ogp_id",
        "former_ids__ogp_id",
        "title",
        "short_title",
        "lead_organization__normalized_name",
        "lead_organization__acronym",
        "lead_organization__aliases__normalized",
    ]
    autocomplete_fields = [
        "action_plan",
        "lead_organization",
        "co_lead_organizations",
        "supporting_organizations",
        "monitoring_organizations",
        "policy_areas",
        "predecessors",
    ]
    list_select_related = ["action_plan__member", "lead_organization"]
    # Cached summaries: written by the services that record what they summarise, never by hand.
    readonly_fields = [
        "irm_completion",
        "irm_starred",
        "self_reported_completion",
        "self_reported_as_of",
        "source_key",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("ogp_id", "id_provisional"),
                    "action_plan",
                    "number",
                    "title",
                    "short_title",
                    "url",
                ]
            },
        ),
        (
            _("Responsibility"),
            {
                "fields": [
                    "lead_organization",
                    "co_lead_organizations",
                    "supporting_organizations",
                    "monitoring_organizations",
                ]
            },
        ),
        (
            _("Content"),
            {
                "fields": [
                    "full_text",
                    "theme",
                    "cluster",
                    "policy_areas",
                    (
                        "value_access_to_information",
                        "value_civic_participation",
                        "value_public_accountability",
                        "value_technology_innovation",
                    ),
                ]
            },
        ),
        (_("Lineage"), {"fields": ["predecessors"]}),
        (
            _("Dates"),
            {
                "fields": [
                    ("start_date", "start_date_text"),
                    ("end_date", "end_date_text"),
                    "added_after_approval",
                ]
            },
        ),
        (
            _("Current status (computed)"),
            {
                "fields": [
                    ("irm_completion", "irm_starred"),
                    ("self_reported_completion", "self_reported_as_of"),
                ]
            },
        ),
        (
            _("Source"),
            {
                "classes": ["collapse"],
                "fields": [
                    "source_file",
                    "source_row",
                    "source_key",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]
    inlines = [MilestoneInline, StatusUpdateInline, FormerIdInline, SourceRecordInline]

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # Predecessors go through the lineage service, like every other writer of them.
        predecessors = form.cleaned_data.pop("predecessors", None)
        super().save_related(request, form, formsets, change)
        if predecessors is not None:
            set_predecessors(commitment=form.instance, predecessors=predecessors)

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        """Adding a commitment to a plan (?action_plan=<id>, the link on the plan's form): its id
        is offered, the next free one of the member's prefix."""
        initial = super().get_changeform_initial_data(request)
        plan_id = str(initial.get("action_plan", ""))
        if plan_id.isdigit() and "ogp_id" not in initial:
            plan = ActionPlan.objects.select_related("member").filter(pk=plan_id).first()
            if plan is not None:
                initial["ogp_id"] = next(
                    iter(Commitment.objects.next_free_ogp_ids(plan.member)), ""
                )
        return initial

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        """The admin's own search, plus the accent-blind match every search uses."""
        results, duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            matched = queryset.matching(search_term).values("pk")
            results = queryset.filter(Q(pk__in=results.values("pk")) | Q(pk__in=matched))
        return results, duplicates


@admin.register(Milestone)
class MilestoneAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    # One state a person reads ("Overdue"), not "Scheduled" beside an overdue flag.
    list_display = ["title", "commitment", "due_date", "state", "met_on"]
    list_filter = [
        "status",
        "is_overdue",
        ("commitment__action_plan", PlanListFilter),
    ]
    search_fields = ["title", "commitment__ogp_id", "commitment__short_title"]
    autocomplete_fields = ["commitment"]
    list_select_related = ["commitment"]
    readonly_fields = ["is_overdue"]

    @admin.display(description=_("state"), ordering="status")
    def state(self, milestone: Milestone) -> str:
        return milestone.state_label()


# --- The civil-society track (append-only) -----------------------------------------------------------


class StatusEvidenceInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = StatusEvidence
    extra = 0
    fields = ["url", "file", "original_name", "content_type", "size"]
    readonly_fields = fields


@admin.register(StatusUpdate)
class StatusUpdateAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "commitment",
        "completion",
        "as_of",
        "author",
        "author_organization",
        "recorded_at",
    ]
    list_filter = [
        "completion",
        ("author_organization", RelatedOnlyFieldListFilter),
        ("commitment__action_plan", PlanListFilter),
    ]
    search_fields = ["commitment__ogp_id", "commitment__short_title", "note", "author__username"]
    list_select_related = ["commitment", "author", "author_organization"]
    date_hierarchy = "as_of"
    inlines = [StatusEvidenceInline]


@admin.register(StatusEvidence)
class StatusEvidenceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "status_update", "content_type", "size"]
    search_fields = ["url", "original_name", "status_update__commitment__ogp_id"]
    list_select_related = ["status_update__commitment"]


@admin.register(OutcomeCheck)
class OutcomeCheckAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Append-only like status updates: recorded through commitments.outcome_services (the form and
    the API), read here."""

    list_display = ["commitment", "verdict", "checked_on", "author_organization", "recorded_at"]
    list_filter = [
        "verdict",
        ("author_organization", RelatedOnlyFieldListFilter),
        ("commitment__action_plan", RelatedOnlyFieldListFilter),
    ]
    search_fields = ["commitment__ogp_id", "commitment__short_title", "note", "author__username"]
    list_select_related = ["commitment", "author", "author_organization"]
    date_hierarchy = "checked_on"


@admin.register(MilestoneProgress)
class MilestoneProgressAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Append-only like status updates: recorded through commitments.progress_services (the form
    and the API), read here."""

    list_display = ["milestone", "level", "reported_on", "author_organization", "recorded_at"]
    list_filter = [
        "level",
        ("author_organization", RelatedOnlyFieldListFilter),
        ("milestone__commitment__action_plan", PlanListFilter),
    ]
    search_fields = ["milestone__commitment__ogp_id", "milestone__title", "note"]
    list_select_related = ["milestone", "author_organization"]
    date_hierarchy = "reported_on"


# --- Accountability: indicators, co-creation record, plan process ------------------------------------


class IndicatorReadingInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = IndicatorReading
    fk_name = "indicator"
    extra = 0
    fields = ["as_of", "value", "author", "author_organization", "evidence_url", "note"]
    readonly_fields = fields

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("author", "author_organization")


@admin.register(Indicator)
class IndicatorAdmin(VersionedAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "commitment", "unit", "baseline_value", "target_value", "reported_by"]
    list_filter = [
        "frequency",
        ("commitment__action_plan", PlanListFilter),
        ("reported_by", RelatedOnlyFieldListFilter),
    ]
    search_fields = ["name", "commitment__ogp_id", "commitment__short_title"]
    autocomplete_fields = ["commitment", "milestone", "reported_by"]
    list_select_related = ["commitment", "reported_by"]
    inlines = [IndicatorReadingInline]


@admin.register(IndicatorReading)
class IndicatorReadingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["indicator", "value", "as_of", "author", "author_organization", "recorded_at"]
    list_filter = [("author_organization", RelatedOnlyFieldListFilter)]
    search_fields = ["indicator__name", "indicator__commitment__ogp_id", "note"]
    list_select_related = ["indicator", "author", "author_organization"]


@admin.register(Proposal)
class ProposalAdmin(VersionedAdminMixin, PlanPickListMixin, SimpleHistoryAdmin):
    list_display = [
        "title",
        "action_plan",
        "outcome",
        "by_civil_society",
        "priority",
        "resulting_commitment",
    ]
    list_filter = [
        ("action_plan__member", RelatedOnlyFieldListFilter),
        ("action_plan", PlanListFilter),
        "outcome",
        "by_civil_society",
        "priority",
    ]
    search_fields = ["title", "text", "action_plan__ogp_id", "proposers__name"]
    autocomplete_fields = ["action_plan", "proposers", "resulting_commitment"]
    list_select_related = ["action_plan", "resulting_commitment"]


@admin.register(ConsultationEvent)
class ConsultationEventAdmin(VersionedAdminMixin, PlanPickListMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "action_plan", "phase", "kind", "date", "place", "iap2_level"]
    list_filter = [
        ("action_plan__member", RelatedOnlyFieldListFilter),
        ("action_plan", PlanListFilter),
        "phase",
        "kind",
        "iap2_level",
    ]
    search_fields = ["place", "description", "action_plan__ogp_id", "participants__name"]
    autocomplete_fields = ["action_plan", "participants"]
    list_select_related = ["action_plan"]


@admin.register(PlanProcess)
class PlanProcessAdmin(VersionedAdminMixin, PlanPickListMixin, SimpleHistoryAdmin):
    list_display = [
        "action_plan",
        "office_level",
        "irm_development_level",
        "irm_implementation_level",
        "irm_steps_followed",
    ]
    list_filter = [("action_plan__member", RelatedOnlyFieldListFilter), "office_level"]
    search_fields = ["action_plan__ogp_id", "action_plan__title", "responsible_organizations__name"]
    autocomplete_fields = ["action_plan", "responsible_organizations"]
    list_select_related = ["action_plan__member"]


class ForumMeetingInline(admin.TabularInline):
    model = ForumMeeting
    extra = 1
    fields = [
        "date",
        "government",
        "civil_society",
        "private_sector",
        "other",
        "minutes_url",
        "notes",
    ]


@admin.register(Forum)
class ForumAdmin(PlanPickListMixin, admin.ModelAdmin):
    """A plan's multi-stakeholder forum and its meetings (OGP's minimum requirements read them)."""

    list_display = ["name", "action_plan", "meetings_known"]
    list_filter = [
        ("action_plan__member", RelatedOnlyFieldListFilter),
        ("action_plan", PlanListFilter),
        "meetings_known",
    ]
    search_fields = ["name", "description", "action_plan__ogp_id"]
    autocomplete_fields = ["action_plan"]
    list_select_related = ["action_plan__member"]
    inlines = [ForumMeetingInline]


@admin.register(ForumMeeting)
class ForumMeetingAdmin(admin.ModelAdmin):
    list_display = ["forum", "date", "government", "civil_society", "private_sector", "other"]
    list_filter = [("forum__action_plan__member", RelatedOnlyFieldListFilter)]
    search_fields = ["forum__name", "forum__action_plan__ogp_id", "notes"]
    autocomplete_fields = ["forum"]
    list_select_related = ["forum"]
    date_hierarchy = "date"


# --- Written by the system: follows, notifications, snapshots (shown, never edited here) ------------


@admin.register(Follow)
class FollowAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["user", "commitment", "action_plan", "organization", "frequency", "created_at"]
    list_filter = ["frequency"]
    search_fields = [
        "user__username",
        "commitment__ogp_id",
        "action_plan__ogp_id",
        "organization__name",
    ]
    list_select_related = ["user", "commitment", "action_plan", "organization"]


@admin.register(NotificationDelivery)
class NotificationDeliveryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["user", "event_key", "frequency", "subject", "created_at", "sent_at"]
    list_filter = ["frequency", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__username", "event_key", "subject"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"


@admin.register(SnapshotRun)
class SnapshotRunAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["day", "computed_at", "row_count"]
    date_hierarchy = "day"


@admin.register(CompletionSnapshot)
class CompletionSnapshotAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "day",
        "grouping",
        "group_label",
        "track",
        "total",
        "complete",
        "substantial",
        "limited",
        "not_started",
        "no_data",
    ]
    list_filter = ["grouping", "track", "day"]
    search_fields = ["group_key", "group_label"]


@admin.register(VisitorFollow)
class VisitorFollowAdmin(admin.ModelAdmin):
    """Follows by email of visitors without an account (commitments.visitors): see and end them."""

    list_display = ["email", "commitment", "action_plan", "created_at", "confirmed_at"]
    list_select_related = ["commitment", "action_plan"]
    search_fields = ["email"]
    readonly_fields = ["email", "commitment", "action_plan", "created_at", "confirmed_at"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(VisitorNotification)
class VisitorNotificationAdmin(admin.ModelAdmin):
    """Which event went to which visitor's address (at most once), and any mail-server error."""

    list_display = ["email", "event_key", "sent_at", "error"]
    search_fields = ["email", "event_key"]
    readonly_fields = ["email", "event_key", "sent_at", "error"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(VisitorRequest)
class VisitorRequestAdmin(admin.ModelAdmin):
    """What the per-address and per-IP limit counts (VISITOR_REQUESTS_PER_HOUR)."""

    list_display = ["created_at", "kind", "email", "ip"]
    list_filter = ["kind"]
    search_fields = ["email", "ip"]
    readonly_fields = ["created_at", "kind", "email", "ip"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False


from . import evidence_admin  # noqa: E402,F401  (registers its pages; kept apart by size)
