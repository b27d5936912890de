"""Civil-society progress reports on milestones: append-only like status updates, with evidence."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .commitments import Commitment
from .milestones import Milestone
from .reports import (
    DatedReport,
    ReportQuerySet,
    authorship_fields,
    chronological,
    evidence_fields,
    evidence_required_unless,
    evidence_upload_path,
    newest_first,
)
from .vocab import PAST_DATE_VALIDATORS, known_choice


class ProgressLevel(models.TextChoices):
    MET = "met", _("Met")
    PARTIALLY_MET = "partially_met", _("Partially met")
    NOT_MET = "not_met", _("Not met")


class MilestoneProgressQuerySet(ReportQuerySet):
    def for_commitment(self, commitment: Commitment) -> MilestoneProgressQuerySet:
        """A commitment's milestone reports, newest first, with what the page shows of each."""
        return self.filter(milestone__commitment=commitment).with_authors().latest_first()


def progress_evidence_upload_to(instance: MilestoneProgress, filename: str) -> str:
    return evidence_upload_path("milestones", instance.evidence_content_type)


class MilestoneProgress(DatedReport):
    """A civil-society report on whether a milestone was met. Never edited or deleted: a newer
    report corrects it (and names it in `corrects`)."""

    milestone = models.ForeignKey(
        Milestone,
        verbose_name=_("milestone"),
        on_delete=models.PROTECT,
        related_name="progress_reports",
    )
    level = models.CharField(_("progress"), max_length=20, choices=ProgressLevel.choices)
    reported_on = models.DateField(_("as of"), validators=PAST_DATE_VALIDATORS)
    note = models.TextField(_("what was found"), blank=True)
    evidence_url, evidence_file, evidence_name, evidence_content_type, evidence_size = (
        evidence_fields(progress_evidence_upload_to)
    )
    author, author_organization, corrects, recorded_at = authorship_fields(
        "milestone_progress", _("The earlier report this one corrects, if any.")
    )

    objects = MilestoneProgressQuerySet.as_manager()
    evidence_stem = "milestone"

    class Meta:
        ordering = newest_first("reported_on")
        get_latest_by = chronological("reported_on")
        verbose_name = _("milestone progress report")
        verbose_name_plural = _("milestone progress reports")
        indexes = [models.Index(fields=["milestone", "-reported_on", "-recorded_at"])]
        constraints = [
            # "Not met" may rest on nothing found; met and partially met name their evidence.
            evidence_required_unless(
                "level", "not_met", "milestone_progress_has_evidence_unless_not_met"
            ),
            known_choice("level", ProgressLevel, "milestone_progress_level_known"),
        ]

    def __str__(self) -> str:
        return f"{self.milestone_id} {self.get_level_display()} ({self.reported_on})"
