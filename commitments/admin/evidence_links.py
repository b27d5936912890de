"""Admin pages for evidence that lasts (link checks) and status reminders: read-only, written by tasks.

A plan administrator finds broken evidence at /admin/commitments/evidencelink/?state=broken (and
links not reachable at ?state=unreachable), filtered by plan; a link's page lists its latest checks
and links to all of them."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
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


# A history row: from when, until when and how many checks saw what.
HISTORY_COLUMNS = [
    "checked_at",
    "last_seen_at",
    "checks",
    "outcome",
    "status_code",
    error_text,
    "elapsed_ms",
]
LATEST_CHECKS = 20


class LatestChecksFormSet(forms.BaseInlineFormSet):
    def get_queryset(self) -> QuerySet:
        if not hasattr(self, "_queryset"):
            self._queryset = super().get_queryset()[:LATEST_CHECKS]
        return self._queryset


class LinkCheckResultInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The link's latest history rows, newest first (each a change of what the checks saw, with
    how many saw it); the link's page links to all of them (`all_checks`)."""

    model = LinkCheckResult
    formset = LatestChecksFormSet
    verbose_name_plural = _("latest checks")
    fields = readonly_fields = HISTORY_COLUMNS
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
    readonly_fields = ["all_checks"]
    inlines = [LinkCheckResultInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).for_list()

    @admin.display(description=_("check history"))
    def all_checks(self, link: EvidenceLink) -> str:
        url = reverse("admin:commitments_linkcheckresult_changelist")
        return format_html(
            '<a href="{}?link__id__exact={}">{}</a>',
            url,
            link.pk,
            _("All the checks of this link (the latest %(count)s are below)")
            % {"count": LATEST_CHECKS},
        )

    @admin.display(description=_("commitment"))
    def commitment_id_display(self, link: EvidenceLink) -> str:
        return link.commitment.ogp_id


@admin.register(LinkCheckResult)
class LinkCheckResultAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The check history of every evidence link, newest first (`?link__id__exact=` gives one
    link's, as its page links to)."""

    list_display = ["link", *HISTORY_COLUMNS]
    list_filter = ["outcome", "error_code"]
    list_select_related = ["link"]
    search_fields = ["link__url"]
    date_hierarchy = "checked_at"


@admin.register(StatusReminder)
class StatusReminderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["commitment", "user", "since", "period", "sent_at"]
    list_select_related = ["commitment", "user"]
    search_fields = ["commitment__ogp_id", "user__username", "user__email"]
