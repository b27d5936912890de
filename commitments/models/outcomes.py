"""Did it last? Dated outcome checks on a commitment after its plan: append-only, with evidence."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .commitments import commitment_field
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


class OutcomeVerdict(models.TextChoices):
    """What became of a commitment's result after the plan (a norm, a body, a system)."""

    IN_FORCE_APPLIED = "in_force_applied", _("In force and applied")
    DEAD_LETTER = "dead_letter", _("In force but not applied (dead letter)")
    WEAKENED = "weakened", _("Weakened")
    REVERSED = "reversed", _("Reversed")
    SUPERSEDED = "superseded", _("Superseded")
    UNKNOWN = "unknown", _("Unknown")


class OutcomeCheckQuerySet(ReportQuerySet):
    def for_history(self) -> OutcomeCheckQuerySet:
        """Checks newest first, with their author, organisation and the check each corrects."""
        return self.with_authors().select_related("link_check").latest_first()

    def on_or_before(self, day) -> OutcomeCheckQuerySet:
        return self.filter(checked_on__lte=day)


def outcome_evidence_upload_to(instance: OutcomeCheck, filename: str) -> str:
    return evidence_upload_path("outcomes", instance.evidence_content_type)


class OutcomeCheck(DatedReport):
    """A dated check of whether a commitment's result still stands. Never edited or deleted: a newer
    check corrects it (and names it in `corrects`)."""

    commitment = commitment_field("outcome_checks", on_delete=models.PROTECT)
    checked_on = models.DateField(_("checked on"), validators=PAST_DATE_VALIDATORS)
    verdict = models.CharField(_("verdict"), max_length=20, choices=OutcomeVerdict.choices)
    note = models.TextField(_("what was found"), blank=True)
    evidence_url, evidence_file, evidence_name, evidence_content_type, evidence_size = (
        evidence_fields(outcome_evidence_upload_to)
    )
    author, author_organization, corrects, recorded_at = authorship_fields(
        "outcome_checks", _("The earlier check this one corrects, if any.")
    )

    objects = OutcomeCheckQuerySet.as_manager()
    evidence_stem = "outcome"

    class Meta:
        ordering = newest_first("checked_on")
        get_latest_by = chronological("checked_on")
        verbose_name = _("outcome check")
        verbose_name_plural = _("outcome checks")
        indexes = [models.Index(fields=["commitment", "-checked_on", "-recorded_at"])]
        constraints = [
            # "Unknown" may rest on nothing found; every other verdict names its evidence.
            evidence_required_unless(
                "verdict", "unknown", "outcome_check_has_evidence_unless_unknown"
            ),
            known_choice("verdict", OutcomeVerdict, "outcome_check_verdict_known"),
        ]

    def __str__(self) -> str:
        return f"{self.commitment.ogp_id} {self.get_verdict_display()} ({self.checked_on})"
