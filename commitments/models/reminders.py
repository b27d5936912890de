"""Reminders to monitoring organisations' editors about commitments without a recent status update."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .commitments import commitment_field


class StatusReminder(models.Model):
    """One reminder to one editor about one commitment, for one stretch without updates: `since` is the
    date the silence started (the last update's as-of date, else the commitment's or plan's start) and
    `period` how many reminder intervals it has lasted. Unique, so a rerun sends nothing twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="status_reminders"
    )
    commitment = commitment_field("status_reminders", on_delete=models.CASCADE)
    since = models.DateField(_("no update since"))
    period = models.PositiveSmallIntegerField(_("reminder number"))
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("status reminder")
        verbose_name_plural = _("status reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "commitment", "since", "period"], name="status_reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.commitment_id} · {self.since} #{self.period}"
