"""Civil-society progress reports on milestones: append-only like status updates, with evidence."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .members import Organization
from .plans import Commitment, Milestone
from .status import EVIDENCE_EXTENSIONS
from .vocab import validate_not_before_earliest, validate_not_in_future


class ProgressLevel(models.TextChoices):
    MET = "met", _("Met")
    PARTIALLY_MET = "partially_met", _("Partially met")
    NOT_MET = "not_met", _("Not met")


class MilestoneProgressQuerySet(models.QuerySet):
    def latest_first(self) -> MilestoneProgressQuerySet:
        return self.order_by("-reported_on", "-recorded_at", "-pk")

    def for_commitment(self, commitment: Commitment) -> MilestoneProgressQuerySet:
        """A commitment's milestone reports, newest first, with what the page shows of each."""
        return (
            self.filter(milestone__commitment=commitment)
            .select_related("author", "author_organization", "corrects")
            .latest_first()
        )


def progress_evidence_upload_to(instance: MilestoneProgress, filename: str) -> str:
    # As for status evidence: a random name, the extension of the type detected in the bytes.
    extension = EVIDENCE_EXTENSIONS.get(instance.evidence_content_type, "")
    return f"evidence/milestones/{uuid.uuid4().hex}{extension}"


class MilestoneProgress(models.Model):
    """A civil-society report on whether a milestone was met. Never edited or deleted: a newer
    report corrects it (and names it in `corrects`)."""

    milestone = models.ForeignKey(
        Milestone,
        verbose_name=_("milestone"),
        on_delete=models.PROTECT,
        related_name="progress_reports",
    )
    level = models.CharField(_("progress"), max_length=20, choices=ProgressLevel.choices)
    reported_on = models.DateField(
        _("as of"), validators=[validate_not_before_earliest, validate_not_in_future]
    )
    note = models.TextField(_("what was found"), blank=True)
    evidence_url = models.URLField(_("evidence (link)"), max_length=1000, blank=True)
    evidence_file = models.FileField(
        _("evidence (file)"), upload_to=progress_evidence_upload_to, blank=True
    )
    evidence_name = models.CharField(_("file name"), max_length=255, blank=True)
    evidence_content_type = models.CharField(max_length=100, blank=True)
    evidence_size = models.PositiveBigIntegerField(null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="milestone_progress",
    )
    author_organization = models.ForeignKey(
        Organization,
        verbose_name=_("author's organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="milestone_progress",
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        help_text=_("The earlier report this one corrects, if any."),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True, db_index=True)

    objects = MilestoneProgressQuerySet.as_manager()

    class Meta:
        ordering = ["-reported_on", "-recorded_at", "-pk"]
        get_latest_by = ["reported_on", "recorded_at", "pk"]
        verbose_name = _("milestone progress report")
        verbose_name_plural = _("milestone progress reports")
        indexes = [models.Index(fields=["milestone", "-reported_on", "-recorded_at"])]
        constraints = [
            # "Not met" may rest on nothing found; met and partially met name their evidence.
            models.CheckConstraint(
                condition=Q(level="not_met") | ~Q(evidence_url="") | ~Q(evidence_file=""),
                name="milestone_progress_has_evidence_unless_not_met",
                violation_error_message=_("Give a link or a file as evidence."),
            ),
            models.CheckConstraint(
                condition=Q(level__in=ProgressLevel.values),
                name="milestone_progress_level_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.milestone_id} {self.get_level_display()} ({self.reported_on})"

    @property
    def evidence_download_name(self) -> str:
        stem = PurePath(self.evidence_name).stem if self.evidence_name else f"milestone-{self.pk}"
        return stem + EVIDENCE_EXTENSIONS.get(self.evidence_content_type, "")
