"""Admin pages for evidence that lasts (link checks) and status reminders: read-only, written by tasks.

A plan administrator finds broken evidence at /admin/commitments/evidencelink/?state=broken (and
links not reachable at ?state=unreachable), filtered by plan; a link's page lists every check."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ..models import ActionPlan, EvidenceLink, LinkCheckResult, StatusReminder
from .base import ReadOnlyAdminMixin


class LinkStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list:
        return [
            ("broken", _("Broken")),
            ("unreachable", _("Not reachable (not yet counted broken)")),
            ("changed", _("Changed since posted")),
            ("unchecked", _("Not checked yet")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "broken":
            return queryset.broken()
        if self.value() == "unreachable":
            return queryset.unreachable()
        if self.value() == "changed":
            return queryset.changed()
        if self.value() == "unchecked":
            return queryset.filter(checked_at__isnull=True)
        return queryset


class LinkPlanFilter(admin.SimpleListFilter):
    title = _("action plan")
    parameter_name = "plan"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list:
        plans = ActionPlan.objects.select_related("member").in_member_order()
        return [(plan.pk, plan.pick_label) for plan in plans]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if value and value.isdigit():
            return queryset.in_plan(int(value))
        return queryset


@admin.display(description=_("error"), ordering="error_code")
def error_text(check: EvidenceLink | LinkCheckResult) -> str:
    """The error in the reader's language, its technical detail after it."""
    if not check.error_code:
        return check.error
    label = check.get_error_code_display()
    return f"{label} ({check.error})" if check.error else label


class LinkCheckResultInline(ReadOnlyAdminMixin, admin.TabularInline):
    """Every check of the link, newest first: read-only history (each keeps its final address and
    hash too, for the record)."""

    model = LinkCheckResult
    fields = readonly_fields = [
        "checked_at",
        "outcome",
        "status_code",
        error_text,
        "elapsed_ms",
    ]
    extra = max_num = 0


@admin.register(EvidenceLink)
class EvidenceLinkAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "url",
        "commitment_id_display",
        "status_code",
        error_text,
        "unreachable_since",
        "failed_checks",
        "broken_since",
        "changed_at",
        "checked_at",
    ]
    list_filter = [LinkStateFilter, LinkPlanFilter]
    search_fields = [
        "url",
        "status_evidence__status_update__commitment__ogp_id",
        "outcome_check__commitment__ogp_id",
    ]
    date_hierarchy = "checked_at"
    inlines = [LinkCheckResultInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).for_list()

    @admin.display(description=_("commitment"))
    def commitment_id_display(self, link: EvidenceLink) -> str:
        return link.commitment.ogp_id


@admin.register(LinkCheckResult)
class LinkCheckResultAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Every check of every evidence link, newest first (each link's own are on its page)."""

    list_display = ["link", "checked_at", "outcome", "status_code", error_text, "elapsed_ms"]
    list_filter = ["outcome", "error_code"]
    list_select_related = ["link"]
    search_fields = ["link__url"]
    date_hierarchy = "checked_at"


@admin.register(StatusReminder)
class StatusReminderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["commitment", "user", "since", "period", "sent_at"]
    list_select_related = ["commitment", "user"]
    search_fields = ["commitment__ogp_id", "user__username", "user__email"]
