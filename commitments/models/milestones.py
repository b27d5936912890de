"""The milestones of a commitment: what is due when, and whether it was met."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .commitments import commitment_field
from .history import VersionedModel
from .vocab import PAST_DATE_VALIDATORS


class MilestoneQuerySet(models.QuerySet):
    def overdue_on(self, day) -> MilestoneQuerySet:
        """Milestones due before `day` and not met."""
        return self.filter(due_date__lt=day).exclude(status=Milestone.Status.MET)


class Milestone(VersionedModel):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        MET = "met", _("Met")
        PARTIALLY_MET = "partially_met", _("Partially met")
        NOT_MET = "not_met", _("Not met")

    commitment = commitment_field("milestones", on_delete=models.CASCADE)
    title = models.CharField(_("title"), max_length=500)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    met_on = models.DateField(
        _("date met"),
        null=True,
        blank=True,
        validators=PAST_DATE_VALIDATORS,
    )
    is_overdue = models.BooleanField(_("overdue"), default=False, editable=False)

    objects = MilestoneQuerySet.as_manager()

    class Meta:
        ordering = ["commitment", "due_date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.CheckConstraint(
                condition=Q(met_on__isnull=True) | Q(status__in=["met", "partially_met"]),
                name="milestone_met_on_only_when_met",
                violation_error_message=_(
                    "A date met only goes with a met or partially met milestone."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_past_due(self, day: datetime.date | None = None) -> bool:
        """Due before `day` (today by default) and not met: `overdue_on(day)` for one row."""
        day = day or timezone.localdate()
        return bool(self.due_date and self.due_date < day and self.status != self.Status.MET)

    def state_label(self) -> str:
        """One status for people, today: "Overdue", not "Scheduled" and "Overdue" side by side."""
        if not self.is_past_due():
            return str(self.get_status_display())
        if self.status == self.Status.SCHEDULED:
            return str(_("Overdue"))
        if self.status == self.Status.PARTIALLY_MET:
            return str(_("Partially met, overdue"))
        return str(self.get_status_display())  # not met: past its date is what that says
