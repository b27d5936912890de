"""The civil-society track, shown but never written here (append-only, through the services):
status updates and their evidence, outcome checks, milestone progress."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin import RelatedOnlyFieldListFilter

from ..models import (
    MilestoneProgress,
    OutcomeCheck,
    StatusEvidence,
    StatusUpdate,
)
from .base import (
    PlanListFilter,
    ReadOnlyAdminMixin,
)


class StatusEvidenceInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = StatusEvidence
    extra = 0
    fields = ["url", "file", "original_name", "content_type", "size"]
    readonly_fields = fields


class CommitmentReportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """A dated report on a commitment: searched by the commitment, the note and the author's
    login, listed with its author and their organisation."""

    search_fields = ["commitment__ogp_id", "commitment__short_title", "note", "author__username"]
    list_select_related = ["commitment", "author", "author_organization"]


@admin.register(StatusUpdate)
class StatusUpdateAdmin(CommitmentReportAdmin):
    list_display = [
        "commitment",
        "voice",
        "completion",
        "as_of",
        "author",
        "author_organization",
        "recorded_at",
    ]
    list_filter = [
        "voice",
        "completion",
        ("author_organization", RelatedOnlyFieldListFilter),
        ("commitment__action_plan", PlanListFilter),
    ]
    date_hierarchy = "as_of"
    inlines = [StatusEvidenceInline]


@admin.register(StatusEvidence)
class StatusEvidenceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "status_update", "content_type", "size"]
    search_fields = ["url", "original_name", "status_update__commitment__ogp_id"]
    list_select_related = ["status_update__commitment"]


@admin.register(OutcomeCheck)
class OutcomeCheckAdmin(CommitmentReportAdmin):
    """Append-only like status updates: recorded through commitments.outcomes.services (the form and
    the API), read here."""

    list_display = ["commitment", "verdict", "checked_on", "author_organization", "recorded_at"]
    list_filter = [
        "verdict",
        ("author_organization", RelatedOnlyFieldListFilter),
        ("commitment__action_plan", RelatedOnlyFieldListFilter),
    ]
    date_hierarchy = "checked_on"


@admin.register(MilestoneProgress)
class MilestoneProgressAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Append-only like status updates: recorded through commitments.progress.services (the form
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
