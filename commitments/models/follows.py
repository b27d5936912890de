"""Who follows what, and which notifications went out (so none goes out twice)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .members import Organization
from .plans import ActionPlan, Commitment


class FollowQuerySet(models.QuerySet):
    def for_commitments(self, commitment_ids: list[int]) -> FollowQuerySet:
        """Follows that an event on these commitments concerns: the commitment itself, its plan, or
        an organisation that leads or supports it."""
        commitments = Commitment.objects.filter(pk__in=commitment_ids)
        return self.filter(
            Q(commitment__in=commitments)
            | Q(action_plan__in=commitments.values("action_plan"))
            | Q(organization__in=commitments.values("lead_organization"))
            | Q(organization__in=commitments.values("supporting_organizations"))
        )

    def of(self, user) -> FollowQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)


class Follow(models.Model):
    """A logged-in user following one commitment, one action plan or one organisation."""

    class Frequency(models.TextChoices):
        INSTANT = "instant", _("Instant email")
        DAILY = "daily", _("Daily digest")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    action_plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    frequency = models.CharField(
        _("how often"), max_length=10, choices=Frequency.choices, default=Frequency.INSTANT
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    commitment__isnull=False, action_plan__isnull=True, organization__isnull=True
                )
                | Q(commitment__isnull=True, action_plan__isnull=False, organization__isnull=True)
                | Q(commitment__isnull=True, action_plan__isnull=True, organization__isnull=False),
                name="follow_exactly_one_target",
                violation_error_message=_("Follow one commitment, plan or organisation."),
            ),
            models.UniqueConstraint(
                fields=["user", "commitment"],
                condition=Q(commitment__isnull=False),
                name="follow_commitment_once",
            ),
            models.UniqueConstraint(
                fields=["user", "action_plan"],
                condition=Q(action_plan__isnull=False),
                name="follow_plan_once",
            ),
            models.UniqueConstraint(
                fields=["user", "organization"],
                condition=Q(organization__isnull=False),
                name="follow_organization_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.target}"

    @property
    def target(self) -> Commitment | ActionPlan | Organization:
        return self.commitment or self.action_plan or self.organization


class NotificationDeliveryQuerySet(models.QuerySet):
    def unsent_digest(self) -> NotificationDeliveryQuerySet:
        return self.filter(frequency=Follow.Frequency.DAILY, sent_at__isnull=True)


class NotificationDelivery(models.Model):
    """One event for one user: the outbox row and the proof it was sent.

    Unique per (user, event), so a retried task cannot queue or send an event twice. The row is claimed
    (sent_at set, committed) before the email is handed to the mail server: at most once. A crash or a
    mail-server error after the claim loses that email; `error` records the mail-server error.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    event_key = models.CharField(_("event"), max_length=100)
    frequency = models.CharField(max_length=10, choices=Follow.Frequency.choices)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    url = models.URLField(_("link"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    error = models.TextField(_("mail error"), blank=True)

    objects = NotificationDeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "event_key"], name="notification_once_per_user_event"
            ),
        ]
        indexes = [models.Index(fields=["frequency", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.user} {self.event_key}"
