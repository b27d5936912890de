"""Evidence that lasts: what the last check of each evidence link saw, and its history, one row per
change of what the checks saw (commitments.evidence.link_checks)."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ..evidence.linkfetch import Failure
from .outcomes import OutcomeCheck
from .status import StatusEvidence
from .vocab import known_choice


class LinkError(models.TextChoices):
    """Why a check got no answer to judge by (`linkfetch.Failure`), worded for people."""

    INVALID = Failure.INVALID.value, _("Not a valid web address")
    SCHEME = Failure.SCHEME.value, _("Only http and https links are checked")
    DNS = Failure.DNS.value, _("The host name does not resolve")
    PRIVATE = Failure.PRIVATE.value, _("The address is private, local or reserved")
    REDIRECTS = Failure.REDIRECTS.value, _("Too many redirects")
    TIMEOUT = Failure.TIMEOUT.value, _("No answer in time")
    TLS = Failure.TLS.value, _("The secure connection failed (certificate or TLS)")
    CONNECTION = Failure.CONNECTION.value, _("The connection was refused or dropped")


class CheckOutcome(models.TextChoices):
    """What one check says about a link (`link_checks.outcome_of`)."""

    OK = "ok", _("Answered")
    BROKEN = "broken", _("Broken (the server says the page is not there)")
    UNREACHABLE = "unreachable", _("Not reachable (says nothing yet about the link)")


def error_code_field() -> models.CharField:
    return models.CharField(_("error"), max_length=20, choices=LinkError.choices, blank=True)


def error_code_known(model: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(error_code="") | Q(error_code__in=LinkError.values),
        name=f"{model}_error_code_known",
    )


class EvidenceLinkQuerySet(models.QuerySet):
    def broken(self) -> EvidenceLinkQuerySet:
        return self.filter(broken_since__isnull=False)

    def unreachable(self) -> EvidenceLinkQuerySet:
        """Failing, but not (yet) counted broken: the page says "could not be checked"."""
        return self.filter(unreachable_since__isnull=False, broken_since__isnull=True)

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


def link_owner(model: type[models.Model], label: str) -> models.OneToOneField:
    """The record whose evidence link is checked, one field per kind of record, exactly one set
    (`evidence_link_has_one_owner`); each kind reaches its check as `link_check`."""
    return models.OneToOneField(
        model,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="link_check",
        verbose_name=label,
    )


class EvidenceLink(models.Model):
    """One evidence link (of a status update or an outcome check) and what its checks found."""

    status_evidence = link_owner(StatusEvidence, _("status update evidence"))
    outcome_check = link_owner(OutcomeCheck, _("outcome check"))
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
    error_code = error_code_field()
    error = models.CharField(_("error details"), max_length=300, blank=True)
    unreachable_since = models.DateTimeField(
        _("failing since"),
        null=True,
        blank=True,
        help_text=_("The first failed check since the link last answered."),
    )
    failed_checks = models.PositiveSmallIntegerField(_("failed checks in a row"), default=0)
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
            ),
            error_code_known("evidence_link"),
        ]

    def __str__(self) -> str:
        return self.url

    @property
    def commitment(self):
        owner = (
            self.status_evidence.status_update if self.status_evidence_id else self.outcome_check
        )
        return owner.commitment

    @property
    def state(self) -> str:
        return link_state(self.checked_at, self.unreachable_since, self.broken_since)


class LinkState(models.TextChoices):
    """What the page and the API say about a link, from its last checks (`link_state`)."""

    UNCHECKED = "unchecked", _("Not checked yet")
    OK = "ok", _("Answered at the last check")
    UNREACHABLE = "unreachable", _("Could not be checked at the last check")
    BROKEN = "broken", _("Broken")


def link_state(
    checked_at: datetime.datetime | None,
    unreachable_since: datetime.datetime | None,
    broken_since: datetime.datetime | None,
) -> str:
    """The one reading of a link's check columns (a model's or a `.values_list()` row's)."""
    if broken_since is not None:
        return LinkState.BROKEN
    if unreachable_since is not None:
        return LinkState.UNREACHABLE
    if checked_at is not None:
        return LinkState.OK
    return LinkState.UNCHECKED


class LinkCheckResult(models.Model):
    """What the checks of an evidence link saw, one row per change: a check that sees what the
    link's previous row saw only counts on it and moves its `last_seen_at`
    (`link_checks.record_check`). The history `EvidenceLink` sums up."""

    link = models.ForeignKey(
        EvidenceLink, on_delete=models.CASCADE, related_name="results", verbose_name=_("link")
    )
    checked_at = models.DateTimeField(_("checked at"))
    last_seen_at = models.DateTimeField(
        _("last seen"), help_text=_("The latest check that saw the same as this one.")
    )
    checks = models.PositiveIntegerField(
        _("checks"), default=1, help_text=_("How many checks in a row saw this.")
    )
    outcome = models.CharField(_("outcome"), max_length=20, choices=CheckOutcome.choices)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True, blank=True)
    final_url = models.URLField(_("final address"), max_length=2000, blank=True)
    sha256 = models.CharField(_("content (sha256)"), max_length=64, blank=True)
    elapsed_ms = models.PositiveIntegerField(_("time taken (ms)"), null=True, blank=True)
    error_code = error_code_field()
    error = models.CharField(_("error details"), max_length=300, blank=True)

    class Meta:
        ordering = ["-checked_at", "-pk"]
        verbose_name = _("link check result")
        verbose_name_plural = _("link check results")
        indexes = [models.Index(fields=["link", "-checked_at"], name="link_check_result_latest")]
        constraints = [
            known_choice("outcome", CheckOutcome, "link_check_result_outcome_known"),
            error_code_known("link_check_result"),
            models.CheckConstraint(
                condition=Q(last_seen_at__gte=F("checked_at"), checks__gte=1),
                name="link_check_result_seen_after_first",
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_outcome_display())
