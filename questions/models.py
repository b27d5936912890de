"""Public questions and data flags on commitments, and the lead organisation's official answers.

A question is asked by an account holder or by a visitor whose address is confirmed (double opt-in,
questions.services). It is public from `published_at`, or held for moderation first. Answers are
never edited: a correction is a new answer that supersedes the old one. A hidden question keeps its
row, its reason and its place in the figures (counted as hidden)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _

from commitments.models import ActionPlan, Commitment, Organization, commitment_field, public_name


class QuestionQuerySet(models.QuerySet):
    def published(self) -> QuestionQuerySet:
        """Questions and flags that were made public: shown, or hidden by a moderator (the page
        shows that a question was hidden, and why)."""
        return self.filter(state__in=[Question.State.PUBLIC, Question.State.HIDDEN])

    def with_updated_at(self) -> QuestionQuerySet:
        """Each with `updated_at`: when it last changed, by being made public, hidden or (a flag)
        handled."""
        return self.annotate(
            updated_at=Greatest(
                Coalesce("hidden_at", "published_at"), Coalesce("resolved_at", "published_at")
            )
        )

    def shown(self) -> QuestionQuerySet:
        return self.filter(state=Question.State.PUBLIC)

    def for_page(self) -> QuestionQuerySet:
        """What a question's block shows: its asker and its answers with their authors."""
        return self.select_related("author", "commitment", "hidden_by").prefetch_related(
            models.Prefetch(
                "answers",
                queryset=OfficialAnswer.objects.select_related("author", "organization").order_by(
                    "answered_at", "pk"
                ),
            )
        )

    def of_plan(self, plan: ActionPlan) -> QuestionQuerySet:
        return self.filter(commitment__action_plan=plan)

    def led_by(self, organization: Organization) -> QuestionQuerySet:
        """Questions on the commitments an organisation leads or co-leads (the ones it answers)."""
        return self.filter(commitment__in=Commitment.objects.led_by(organization))

    def open_flags(self) -> QuestionQuerySet:
        """The correction queue: data flags made public and not yet resolved."""
        return self.published().filter(kind=Question.Kind.FLAG, resolved_at__isnull=True)

    def unanswered(self) -> QuestionQuerySet:
        return self.filter(~Exists(OfficialAnswer.objects.filter(question=OuterRef("pk"))))

    def figures(self, day: datetime.date | None = None):  # -> questions.figures.QuestionFigures
        """Asked, answered, median days to answer, open past 30 days, hidden: as of `day`."""
        from questions.figures import question_figures

        return question_figures(self, day)


class Question(models.Model):
    class Kind(models.TextChoices):
        QUESTION = "question", _("Question")
        FLAG = "flag", _("Data flagged as wrong")

    class State(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Waiting for the email confirmation")
        HELD = "held", _("Held for moderation")
        PUBLIC = "public", _("Public")
        HIDDEN = "hidden", _("Hidden by a moderator")

    commitment = commitment_field("questions", on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.QUESTION)
    text = models.TextField(_("text"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by (account)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
    )
    # A visitor's address: never shown in public, used for the confirmation and the answer's email.
    email = models.EmailField(_("email address"), blank=True)
    name = models.CharField(
        _("name shown"), max_length=120, blank=True, help_text=_("Left blank: “a visitor”.")
    )
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=12, choices=State.choices)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    published_at = models.DateTimeField(
        _("public since"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Figures count a question from this time."),
    )
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)
    resolved_at = models.DateTimeField(_("correction handled at"), null=True, blank=True)
    resolution = models.TextField(_("what was done"), blank=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("public question")
        verbose_name_plural = _("public questions")
        constraints = [
            models.CheckConstraint(
                condition=Q(author__isnull=False) | ~Q(email=""),
                name="question_has_asker",
                violation_error_message=_("A question is asked by an account or an address."),
            ),
            models.CheckConstraint(
                condition=Q(state__in=["unconfirmed", "held"]) | Q(published_at__isnull=False),
                name="question_published_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(state="hidden") | (Q(hidden_at__isnull=False) & ~Q(hidden_reason="")),
                name="question_hidden_has_reason",
                violation_error_message=_("Give a reason for hiding."),
            ),
            models.CheckConstraint(
                condition=Q(kind="flag") | Q(resolved_at__isnull=True),
                name="question_only_flags_resolved",
            ),
        ]
        indexes = [models.Index(fields=["commitment", "state"])]

    def __str__(self) -> str:
        return f"{self.commitment.ogp_id}: {self.text[:60]}"

    @property
    def asker_name(self) -> str:
        if self.author_id is not None:
            return public_name(self.author)
        return self.name or str(_("a visitor"))

    @property
    def is_hidden(self) -> bool:
        return self.state == self.State.HIDDEN


class OfficialAnswerQuerySet(models.QuerySet):
    def current(self) -> OfficialAnswerQuerySet:
        """Answers no later answer supersedes."""
        return self.filter(superseded_by__isnull=True)

    def published(self) -> OfficialAnswerQuerySet:
        """Answers to questions made public (a hidden question's answers are hidden with it)."""
        return self.filter(question__state=Question.State.PUBLIC)


class OfficialAnswer(models.Model):
    """An answer by a responsible official of the lead (or a co-lead) organisation: dated, never
    edited. A correction is a new answer whose `supersedes` names the one it replaces."""

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    text = models.TextField(_("answer"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        related_name="official_answers",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        related_name="official_answers",
    )
    answered_at = models.DateTimeField(_("answered at"), auto_now_add=True, db_index=True)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
    )

    objects = OfficialAnswerQuerySet.as_manager()

    class Meta:
        ordering = ["answered_at", "pk"]
        verbose_name = _("official answer")
        verbose_name_plural = _("official answers")
        constraints = [
            models.CheckConstraint(
                condition=~Q(supersedes=models.F("pk")), name="answer_not_own_correction"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization}: {self.text[:60]}"
