"""Plans, commitments, milestones, policy areas, and the records they were imported from."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.db import models
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from ..figures.counting import figures_from_row
from ..lineage import predecessor_errors, set_predecessors
from ..models import (
    ActionPlan,
    Commitment,
    CommitmentFormerId,
    Milestone,
    PolicyArea,
    SourceRecord,
    StatusUpdate,
)
from ..versioning import VersionedModelForm
from .base import (
    LabelledColumnsMixin,
    LabelledFormSet,
    MemberListFilter,
    MemberNameSearchMixin,
    PlanListFilter,
    PlanPickListMixin,
    ReadOnlyAdminMixin,
    rate_text,
)
from .versioned import VersionedAdminMixin, VersionedInlineMixin


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
                submission_year=cleaned.get("submission_year"),
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


class PlanStatusFilter(admin.SimpleListFilter):
    """The status the list shows (ActionPlan.status_on, today), not the one stored."""

    title = _("status")
    parameter_name = "status"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return list(ActionPlan.Status.choices)

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() not in ActionPlan.Status.values:
            return queryset
        return queryset.in_status(self.value(), day=timezone.localdate())


@admin.register(ActionPlan)
class ActionPlanAdmin(MemberNameSearchMixin, VersionedAdminMixin, SimpleHistoryAdmin):
    form = ActionPlanForm
    member_path = "member"
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
    list_filter = [("member", MemberListFilter), PlanStatusFilter]
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
    fields = [
        "as_of",
        "voice",
        "completion",
        "author",
        "author_organization",
        "note",
        "recorded_at",
    ]
    readonly_fields = fields
    verbose_name_plural = _("status updates (civil society and government; append-only)")
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
        "plan",
        "lead_organization",
        "irm_completion",
        "irm_starred",
        "self_reported_completion",
        "government_completion",
    ]
    list_display_links = ["ogp_id", "short_title"]
    list_filter = [
        ("action_plan__member", MemberListFilter),
        ("action_plan", PlanListFilter),
        ("lead_organization", RelatedOnlyFieldListFilter),
        "irm_completion",
        "self_reported_completion",
        "government_completion",
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

    @admin.display(
        description=Commitment._meta.get_field("action_plan").verbose_name,
        ordering="action_plan__ogp_id",
    )
    def plan(self, commitment: Commitment) -> str:
        """The plan as its pick-lists name it ("Perú · plan 1 (2012-2014)"): its whole title took
        the row's width and pushed the later columns off the screen. The title is its hover text."""
        plan = commitment.action_plan
        if not plan.title:
            return plan.pick_label
        return format_html('<span title="{}">{}</span>', plan.title, plan.pick_label)

    # Cached summaries: written by the services that record what they summarise, never by hand.
    readonly_fields = [
        "irm_completion",
        "irm_starred",
        "self_reported_completion",
        "self_reported_as_of",
        "government_completion",
        "government_as_of",
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
                    ("government_completion", "government_as_of"),
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
