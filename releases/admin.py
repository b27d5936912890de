"""Releases in the admin: read-only rows, and a button for plan administrators to make today's."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from commitments.admin.base import ReadOnlyAdminMixin

from .models import DataRelease
from .services import publish_data_release


@admin.register(DataRelease)
class DataReleaseAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    # Made by the button below (one per date, from the current data), never typed in nor edited;
    # a published release is a public record: it stays.
    change_list_template = "admin/releases/datarelease/change_list.html"
    list_display = ["date", "public_page", "created_at", "created_by", "size", "package_sha256"]
    readonly_fields = [
        "date",
        "created_at",
        "created_by",
        "folder",
        "resources",
        "package_sha256",
        "changes",
        "previous",
    ]

    @admin.display(description=_("public page"))
    def public_page(self, release: DataRelease) -> str:
        url = reverse("releases:detail", args=[release.date.isoformat()])
        return format_html('<a href="{}">{}</a>', url, url)

    @admin.display(description=_("size (bytes)"))
    def size(self, release: DataRelease) -> int:
        return release.total_bytes

    def get_urls(self) -> list:
        make = self.admin_site.admin_view(require_POST(self.make_release_view))
        return [path("make/", make, name="releases_datarelease_make"), *super().get_urls()]

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> Any:
        extra_context = {
            **(extra_context or {}),
            "can_make_release": request.user.has_perm("releases.add_datarelease"),
            "today": timezone.localdate(),
        }
        return super().changelist_view(request, extra_context)

    def make_release_view(self, request: HttpRequest) -> HttpResponseRedirect:
        if not request.user.has_perm("releases.add_datarelease"):
            raise PermissionDenied
        today = timezone.localdate()
        existed = DataRelease.objects.filter(date=today).exists()
        try:
            release = publish_data_release(on=today, by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            if existed:
                message = _("The release of %(date)s already exists: a release never changes.")
                self.message_user(request, message % {"date": release.date}, messages.WARNING)
            else:
                message = _("Release %(date)s made: %(files)d files.")
                self.message_user(
                    request, message % {"date": release.date, "files": len(release.resources)}
                )
        return HttpResponseRedirect(reverse("admin:releases_datarelease_changelist"))
