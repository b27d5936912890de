"""Rows written by the system: follows, notifications, visitors' follows (shown, never edited here,
but for the visitors' own records)."""

from __future__ import annotations

from django.contrib import admin

from ..models import (
    Follow,
    NotificationDelivery,
    VisitorFollow,
    VisitorNotification,
    VisitorRequest,
)
from .base import (
    NoAddOrChangeAdminMixin,
    ReadOnlyAdminMixin,
)


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
    list_select_related = ["user", "commitment", "action_plan__member", "organization"]


@admin.register(NotificationDelivery)
class NotificationDeliveryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["user", "event_key", "frequency", "subject", "created_at", "sent_at"]
    list_filter = ["frequency", ("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["user__username", "event_key", "subject"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"


@admin.register(VisitorFollow)
class VisitorFollowAdmin(NoAddOrChangeAdminMixin, admin.ModelAdmin):
    """Follows by email of visitors without an account (commitments.follows.visitors): see and end them."""

    list_display = ["email", "commitment", "action_plan", "created_at", "confirmed_at"]
    list_select_related = ["commitment", "action_plan__member"]
    search_fields = ["email"]
    readonly_fields = ["email", "commitment", "action_plan", "created_at", "confirmed_at"]


@admin.register(VisitorNotification)
class VisitorNotificationAdmin(NoAddOrChangeAdminMixin, admin.ModelAdmin):
    """Which event went to which visitor's address (at most once), and any mail-server error."""

    list_display = ["email", "event_key", "sent_at", "error"]
    search_fields = ["email", "event_key"]
    readonly_fields = ["email", "event_key", "sent_at", "error"]


@admin.register(VisitorRequest)
class VisitorRequestAdmin(NoAddOrChangeAdminMixin, admin.ModelAdmin):
    """What the per-address and per-IP limit counts (VISITOR_REQUESTS_PER_HOUR)."""

    list_display = ["created_at", "kind", "email", "ip"]
    list_filter = ["kind"]
    search_fields = ["email", "ip"]
    readonly_fields = ["created_at", "kind", "email", "ip"]
