"""Who follows what, and which notifications went out (so none goes out twice)."""

from __future__ import annotations

import operator
from functools import reduce

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .commitments import Commitment
from .members import Organization
from .plans import ActionPlan


def one_target_once(
    prefix: str, follower: str, targets: dict[str, str], message: str
) -> list[models.BaseConstraint]:
    """A follow's constraints: exactly one of the `targets` foreign keys set (field -> the word
    in the constraint names), and each target followed at most once by the same `follower`."""
    exactly_one = reduce(
        operator.or_,
        (Q(**{f"{other}__isnull": other != field for other in targets}) for field in targets),
    )
    return [
        models.CheckConstraint(
            condition=exactly_one,
            name=f"{prefix}_exactly_one_target",
            violation_error_message=message,
        ),
        *(
            models.UniqueConstraint(
                fields=[follower, field],
                condition=Q(**{f"{field}__isnull": False}),
                name=f"{prefix}_{word}_once",
            )
            for field, word in targets.items()
        ),
    ]


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

    def on(self, target: Commitment | ActionPlan | Organization) -> Follow | None:
        """The follow of `target` among these, if any (a page's follow button). One query, none
        for a visitor without an account."""
        field = {Commitment: "commitment", ActionPlan: "action_plan", Organization: "organization"}
        return self.filter(**{field[type(target)]: target}).first()


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
        constraints = one_target_once(
            "follow",
            "user",
            {"commitment": "commitment", "action_plan": "plan", "organization": "organization"},
            _("Follow one commitment, plan or organisation."),
        )

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


class VisitorFollowQuerySet(models.QuerySet):
    def confirmed(self) -> VisitorFollowQuerySet:
        return self.filter(confirmed_at__isnull=False)

    def for_commitments(self, commitment_ids: list[int]) -> VisitorFollowQuerySet:
        """Confirmed visitor follows an event on these commitments concerns (the commitment or
        its plan)."""
        commitments = Commitment.objects.filter(pk__in=commitment_ids)
        return self.confirmed().filter(
            Q(commitment__in=commitments) | Q(action_plan__in=commitments.values("action_plan"))
        )


class VisitorFollow(models.Model):
    """A visitor without an account following a commitment or a plan by email. It counts once the
    address is confirmed (double opt-in: a signed link mailed to it); every email it brings carries
    a link that ends it."""

    email = models.EmailField(_("email address"))
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, null=True, blank=True, related_name="visitor_follows"
    )
    action_plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, null=True, blank=True, related_name="visitor_follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    objects = VisitorFollowQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow by email")
        verbose_name_plural = _("follows by email")
        constraints = one_target_once(
            "visitor_follow",
            "email",
            {"commitment": "commitment", "action_plan": "plan"},
            _("Follow one commitment or plan."),
        )

    def __str__(self) -> str:
        return f"{self.email} → {self.target}"

    @property
    def target(self) -> Commitment | ActionPlan:
        return self.commitment or self.action_plan


class VisitorNotification(models.Model):
    """One event emailed to one visitor's address: unique, so a retried task never sends it twice."""

    email = models.EmailField(_("email address"))
    event_key = models.CharField(_("event"), max_length=100)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    error = models.TextField(_("mail error"), blank=True)

    class Meta:
        verbose_name = _("email to a visitor")
        verbose_name_plural = _("emails to visitors")
        constraints = [
            models.UniqueConstraint(
                fields=["email", "event_key"], name="visitor_notification_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} {self.event_key}"


class VisitorRequestQuerySet(models.QuerySet):
    def recent(self, *, email: str, ip: str | None, since) -> VisitorRequestQuerySet:
        """Requests made since `since` from this address or this IP."""
        condition = Q(email__iexact=email)
        if ip:
            condition |= Q(ip=ip)
        return self.filter(condition, created_at__gte=since)


class VisitorRequest(models.Model):
    """A request made by a visitor without an account (a question, a flag, a follow by email): the
    count the per-address and per-IP limit reads (VISITOR_REQUESTS_PER_HOUR)."""

    email = models.EmailField(_("email address"))
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = VisitorRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("visitor request")
        verbose_name_plural = _("visitor requests")

    def __str__(self) -> str:
        return f"{self.kind} {self.email}"
