"""Where each commitment came from: every row of every file imported for it, kept as it arrived."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .commitments import Commitment, commitment_field


class SourceRecordQuerySet(models.QuerySet):
    def for_commitment(self, commitment: Commitment) -> SourceRecordQuerySet:
        """A commitment's source rows, the latest import first."""
        return self.filter(commitment=commitment).order_by("-imported_at", "-pk")


class SourceRecord(models.Model):
    """One row of an imported file, as it arrived (its non-empty cells by column name)."""

    commitment = commitment_field("source_records", on_delete=models.CASCADE)
    file_name = models.CharField(_("file"), max_length=200)
    sha256 = models.CharField(_("file checksum (SHA-256)"), max_length=64)
    file_format = models.CharField(_("format"), max_length=100)
    row = models.PositiveIntegerField(_("row"), help_text=_("As a spreadsheet numbers it."))
    cells = models.JSONField(_("cells"), default=dict, help_text=_("Column name -> cell."))
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    objects = SourceRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = _("source record")
        verbose_name_plural = _("source records")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "sha256", "row"], name="one_source_record_per_file_row"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.file_name}:{self.row}"
