"""A data release: an immutable, dated Frictionless data package kept in the media storage."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DataReleaseQuerySet(models.QuerySet):
    def latest_first(self) -> DataReleaseQuerySet:
        return self.order_by("-date")

    def for_list(self) -> DataReleaseQuerySet:
        """What the public list shows: no user, no storage folder needed beyond the row."""
        return self.latest_first().defer("changes")


class DataRelease(models.Model):
    """Made once per date by `releases.services.publish_data_release`, never changed afterwards."""

    date = models.DateField(_("date"), unique=True, help_text=_("The day the data was taken."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when made by the schedule."),
    )
    folder = models.CharField(
        _("folder"), max_length=200, help_text=_("Where the files are in the media storage.")
    )
    resources = models.JSONField(
        _("files"),
        default=list,
        help_text=_("One entry per file: name, path, bytes, sha256 and rows (for tables)."),
    )
    package_sha256 = models.CharField(_("SHA-256 of datapackage.json"), max_length=64)
    changes = models.JSONField(
        _("changes"),
        default=dict,
        help_text=_("The changelog against the previous release: counts and the first ids."),
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous release"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = DataReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        get_latest_by = "date"
        verbose_name = _("data release")
        verbose_name_plural = _("data releases")

    def __str__(self) -> str:
        return self.date.isoformat()

    def resource(self, name: str) -> dict | None:
        """The file entry named `name` (`commitments.csv`, `datapackage.json`), or None."""
        return next((entry for entry in self.resources if entry["name"] == name), None)

    @property
    def total_bytes(self) -> int:
        return sum(entry["bytes"] for entry in self.resources)

    @property
    def counts(self) -> dict[str, int]:
        return {
            entry["name"].removesuffix(".csv"): entry["rows"]
            for entry in self.resources
            if "rows" in entry
        }
