"""Evidence that lasts: what the last check of each evidence link saw (commitments.evidence.link_checks)."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .outcomes import OutcomeCheck
from .status import StatusEvidence


class EvidenceLinkQuerySet(models.QuerySet):
    def broken(self) -> EvidenceLinkQuerySet:
        return self.filter(broken_since__isnull=False)

    def changed(self) -> EvidenceLinkQuerySet:
        return self.filter(changed_at__isnull=False)

    def due(self, before: datetime.datetime) -> EvidenceLinkQuerySet:
        """Links never checked, or last checked before `before`."""
        return self.filter(Q(checked_at__isnull=True) | Q(checked_at__lt=before))

    def for_list(self) -> EvidenceLinkQuerySet:
        """With the commitment and plan each link backs (through its status update or check)."""
        return self.select_related(
            "status_evidence__status_update__commitment__action_plan",
            "outcome_check__commitment__action_plan",
        )

    def in_plan(self, plan_id: int) -> EvidenceLinkQuerySet:
        return self.filter(
            Q(status_evidence__status_update__commitment__action_plan_id=plan_id)
            | Q(outcome_check__commitment__action_plan_id=plan_id)
        )


def link_copy_upload_to(instance: EvidenceLink, filename: str) -> str:
    # Named by content: the same body is stored once, however often it is checked.
    return f"evidence/links/{instance.sha256}"


def link_owner(model: type[models.Model]) -> models.OneToOneField:
    """The record whose evidence link is checked, one field per kind of record, exactly one set
    (`evidence_link_has_one_owner`); each kind reaches its check as `link_check`."""
    return models.OneToOneField(
        model, on_delete=models.CASCADE, null=True, blank=True, related_name="link_check"
    )


class EvidenceLink(models.Model):
    """One evidence link (of a status update or an outcome check) and what its checks found."""

    status_evidence = link_owner(StatusEvidence)
    outcome_check = link_owner(OutcomeCheck)
    url = models.URLField(_("link"), max_length=1000)
    created_at = models.DateTimeField(_("first seen"), auto_now_add=True)
    first_sha256 = models.CharField(
        _("content when posted (sha256)"),
        max_length=64,
        blank=True,
        help_text=_("The body's hash at the first check that got an answer."),
    )
    checked_at = models.DateTimeField(_("last checked"), null=True, blank=True, db_index=True)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    final_url = models.URLField(_("final address"), max_length=2000, blank=True)
    content_type = models.CharField(_("content type"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("size read (bytes)"), null=True, blank=True)
    truncated = models.BooleanField(_("longer than the size read"), default=False)
    sha256 = models.CharField(_("content (sha256)"), max_length=64, blank=True)
    elapsed_ms = models.PositiveIntegerField(_("time taken (ms)"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    broken_since = models.DateTimeField(_("broken since"), null=True, blank=True, db_index=True)
    changed_at = models.DateTimeField(
        _("changed since posted on"), null=True, blank=True, db_index=True
    )
    copy = models.FileField(_("stored copy"), upload_to=link_copy_upload_to, blank=True)

    objects = EvidenceLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-broken_since", "-checked_at", "pk"]
        verbose_name = _("evidence link check")
        verbose_name_plural = _("evidence link checks")
        constraints = [
            models.CheckConstraint(
                condition=Q(status_evidence__isnull=True, outcome_check__isnull=False)
                | Q(status_evidence__isnull=False, outcome_check__isnull=True),
                name="evidence_link_has_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.url

    @property
    def commitment(self):
        owner = (
            self.status_evidence.status_update if self.status_evidence_id else self.outcome_check
        )
        return owner.commitment
