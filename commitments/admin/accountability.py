"""Accountability records: indicators and their readings, the co-creation record (proposals,
consultation events), each plan's process, forums and their meetings."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin import RelatedOnlyFieldListFilter
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from ..models import (
    ConsultationEvent,
    Forum,
    ForumMeeting,
    Indicator,
    IndicatorReading,
    PlanProcess,
    Proposal,
)
from .base import (
    MemberListFilter,
    PlanListFilter,
    PlanPickListMixin,
    ReadOnlyAdminMixin,
)
from .versioned import VersionedAdminMixin


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
        ("action_plan__member", MemberListFilter),
        ("action_plan", PlanListFilter),
        "outcome",
        "by_civil_society",
        "priority",
    ]
    search_fields = ["title", "text", "action_plan__ogp_id", "proposers__name"]
    autocomplete_fields = ["action_plan", "proposers", "resulting_commitment"]
    list_select_related = ["action_plan__member", "resulting_commitment"]


@admin.register(ConsultationEvent)
class ConsultationEventAdmin(VersionedAdminMixin, PlanPickListMixin, SimpleHistoryAdmin):
    list_display = ["__str__", "action_plan", "phase", "kind", "date", "place", "iap2_level"]
    list_filter = [
        ("action_plan__member", MemberListFilter),
        ("action_plan", PlanListFilter),
        "phase",
        "kind",
        "iap2_level",
    ]
    search_fields = ["place", "description", "action_plan__ogp_id", "participants__name"]
    autocomplete_fields = ["action_plan", "participants"]
    list_select_related = ["action_plan__member"]


@admin.register(PlanProcess)
class PlanProcessAdmin(VersionedAdminMixin, PlanPickListMixin, SimpleHistoryAdmin):
    list_display = [
        "action_plan",
        "office_level",
        "irm_development_level",
        "irm_implementation_level",
        "irm_steps_followed",
    ]
    list_filter = [("action_plan__member", MemberListFilter), "office_level"]
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
        ("action_plan__member", MemberListFilter),
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
    list_filter = [("forum__action_plan__member", MemberListFilter)]
    search_fields = ["forum__name", "forum__action_plan__ogp_id", "notes"]
    autocomplete_fields = ["forum"]
    list_select_related = ["forum"]
    date_hierarchy = "date"
