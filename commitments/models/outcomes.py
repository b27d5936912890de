"""Did it last? Dated outcome checks on a commitment after its plan: append-only, with evidence."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .members import Organization
from .plans import Commitment
from .status import EVIDENCE_EXTENSIONS
from .vocab import validate_not_before_earliest, validate_not_in_future


class OutcomeVerdict(models.TextChoices):
    """What became of a commitment's result after the plan (a norm, a body, a system)."""

    IN_FORCE_APPLIED = "in_force_applied", _("In force and applied")
    DEAD_LETTER = "dead_letter", _("In force but not applied (dead letter)")
    WEAKENED = "weakened", _("Weakened")
    REVERSED = "reversed", _("Reversed")
    SUPERSEDED = "superseded", _("Superseded")
    UNKNOWN = "unknown", _("Unknown")


class OutcomeCheckQuerySet(models.QuerySet):
    def for_history(self) -> OutcomeCheckQuerySet:
        """Checks newest first, with their author, organisation and the check each corrects."""
        return self.select_related(
            "author", "author_organization", "corrects", "link_check"
        ).latest_first()

    def latest_first(self) -> OutcomeCheckQuerySet:
        return self.order_by("-checked_on", "-recorded_at", "-pk")

    def on_or_before(self, day) -> OutcomeCheckQuerySet:
        return self.filter(checked_on__lte=day)


def outcome_evidence_upload_to(instance: OutcomeCheck, filename: str) -> str:
    # As for status evidence: a random name, the extension of the type detected in the bytes.
    extension = EVIDENCE_EXTENSIONS.get(instance.evidence_content_type, "")
    return f"evidence/outcomes/{uuid.uuid4().hex}{extension}"


class OutcomeCheck(models.Model):
    """A dated check of whether a commitment's result still stands. Never edited or deleted: a newer
    check corrects it (and names it in `corrects`)."""

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        on_delete=models.PROTECT,
        related_name="outcome_checks",
    )
    checked_on = models.DateField(
        _("checked on"), validators=[validate_not_before_earliest, validate_not_in_future]
    )
    verdict = models.CharField(_("verdict"), max_length=20, choices=OutcomeVerdict.choices)
    note = models.TextField(_("what was found"), blank=True)
    evidence_url = models.URLField(_("evidence (link)"), max_length=1000, blank=True)
    evidence_file = models.FileField(
        _("evidence (file)"), upload_to=outcome_evidence_upload_to, blank=True
    )
    evidence_name = models.CharField(_("file name"), max_length=255, blank=True)
    evidence_content_type = models.CharField(max_length=100, blank=True)
    evidence_size = models.PositiveBigIntegerField(null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="outcome_checks",
    )
    author_organization = models.ForeignKey(
        Organization,
        verbose_name=_("author's organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outcome_checks",
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        help_text=_("The earlier check this one corrects, if any."),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True, db_index=True)

    objects = OutcomeCheckQuerySet.as_manager()

    class Meta:
        ordering = ["-checked_on", "-recorded_at", "-pk"]
        get_latest_by = ["checked_on", "recorded_at", "pk"]
        verbose_name = _("outcome check")
        verbose_name_plural = _("outcome checks")
        indexes = [models.Index(fields=["commitment", "-checked_on", "-recorded_at"])]
        constraints = [
            # "Unknown" may rest on nothing found; every other verdict names its evidence.
            models.CheckConstraint(
                condition=Q(verdict="unknown") | ~Q(evidence_url="") | ~Q(evidence_file=""),
                name="outcome_check_has_evidence_unless_unknown",
                violation_error_message=_("Give a link or a file as evidence."),
            ),
            models.CheckConstraint(
                condition=Q(verdict__in=OutcomeVerdict.values),
                name="outcome_check_verdict_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commitment.ogp_id} {self.get_verdict_display()} ({self.checked_on})"

    @property
    def evidence_download_name(self) -> str:
        stem = PurePath(self.evidence_name).stem if self.evidence_name else f"outcome-{self.pk}"
        return stem + EVIDENCE_EXTENSIONS.get(self.evidence_content_type, "")
