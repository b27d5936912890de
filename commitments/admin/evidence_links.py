"""Admin pages for evidence that lasts (link checks) and status reminders: read-only, written by tasks.

A plan administrator finds broken evidence at /admin/commitments/evidencelink/?state=broken, filtered
by plan."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from ..models import ActionPlan, EvidenceLink, StatusReminder
from .base import ReadOnlyAdminMixin


class LinkStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list:
        return [
            ("broken", _("Broken")),
            ("changed", _("Changed since posted")),
            ("unchecked", _("Not checked yet")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "broken":
            return queryset.broken()
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


@admin.register(EvidenceLink)
class EvidenceLinkAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = [
        "url",
        "commitment_id_display",
        "status_code",
        "error",
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

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).for_list()

    @admin.display(description=_("commitment"))
    def commitment_id_display(self, link: EvidenceLink) -> str:
        return link.commitment.ogp_id


@admin.register(StatusReminder)
class StatusReminderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["commitment", "user", "since", "period", "sent_at"]
    list_select_related = ["commitment", "user"]
    search_fields = ["commitment__ogp_id", "user__username", "user__email"]
