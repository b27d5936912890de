"""Status updates with their evidence, append-only: civil society's track and the government's
self-assessment (`StatusUpdate.voice`)."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .commitments import commitment_field
from .reports import (
    EVIDENCE_EXTENSIONS,
    ReportQuerySet,
    authorship_fields,
    chronological,
    newest_first,
)
from .vocab import CompletionLevel, Voice, known_choice


class StatusUpdateQuerySet(ReportQuerySet):
    def for_history(self) -> StatusUpdateQuerySet:
        """Updates oldest first with author, organisation and evidence."""
        return (
            self.with_authors()
            .prefetch_related(
                models.Prefetch(
                    "evidence", queryset=StatusEvidence.objects.select_related("link_check")
                )
            )
            .order_by(*chronological("as_of"))
        )

    def civil_society(self) -> StatusUpdateQuerySet:
        return self.filter(voice=Voice.CIVIL_SOCIETY)

    def government(self) -> StatusUpdateQuerySet:
        return self.filter(voice=Voice.GOVERNMENT)


class StatusUpdate(models.Model):
    """A report on a commitment by civil society or, from a responsible official of a lead
    organisation, the government's self-assessment. Never edited or deleted: a newer one of the same
    voice corrects it."""

    commitment = commitment_field("status_updates", on_delete=models.PROTECT)
    completion = models.CharField(
        _("completion level"), max_length=20, choices=CompletionLevel.choices
    )
    voice = models.CharField(
        _("voice"),
        max_length=20,
        choices=Voice.choices,
        default=Voice.CIVIL_SOCIETY,
        help_text=_("Whose account this is, from the author's role when it was posted."),
    )
    note = models.TextField(_("what changed"), blank=True)
    as_of = models.DateField(_("as of"))
    author, author_organization, corrects, recorded_at = authorship_fields(
        "status_updates", _("The earlier update this one corrects, if any.")
    )

    objects = StatusUpdateQuerySet.as_manager()

    class Meta:
        ordering = newest_first("as_of")
        get_latest_by = chronological("as_of")
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")
        # In the exact order of latest_first per commitment and voice, with the level: the as-of
        # figures (commitments.figures.counting) read each commitment's latest update of a voice on a day
        # from this index alone, without sorting the updates.
        indexes = [
            models.Index(
                fields=["commitment", "voice", "-as_of", "-recorded_at", "-id"],
                include=["completion"],
                name="status_latest_first",
            )
        ]
        constraints = [known_choice("voice", Voice, "status_update_voice_known")]

    def __str__(self) -> str:
        return f"{self.commitment.ogp_id} {self.get_completion_display()} ({self.as_of})"


def evidence_upload_to(instance: StatusEvidence, filename: str) -> str:
    # A random name: what the user called the file is kept in original_name, never used on disk.
    return f"evidence/{uuid.uuid4().hex}{EVIDENCE_EXTENSIONS.get(instance.content_type, '')}"


class StatusEvidence(models.Model):
    """A link or an uploaded file backing a status update."""

    status_update = models.ForeignKey(
        StatusUpdate, on_delete=models.PROTECT, related_name="evidence"
    )
    url = models.URLField(_("link"), max_length=1000, blank=True)
    file = models.FileField(_("file"), upload_to=evidence_upload_to, blank=True)
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=(Q(url="") & ~Q(file="")) | (~Q(url="") & Q(file="")),
                name="evidence_is_link_or_file",
            )
        ]

    def __str__(self) -> str:
        return self.url or self.original_name

    @staticmethod
    def file_address(pk: int) -> str:
        """Where the app serves an uploaded file (commitments.views.evidence_file)."""
        return reverse("commitments:evidence", args=[pk])

    @property
    def download_name(self) -> str:
        """The uploader's name with the extension of the type detected in the file."""
        stem = PurePath(self.original_name).stem if self.original_name else f"evidence-{self.pk}"
        return stem + EVIDENCE_EXTENSIONS.get(self.content_type, "")
