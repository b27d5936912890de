"""The public lists of questions and official answers: filters, row builders, viewsets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import django_filters as filters
from django.db.models import Count, F, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _

from commitments.api.base import ByPkViewSet, in_order
from commitments.api.strict_filters import (
    CodeFilter,
    CommitmentScopedFilter,
    PlanScopedFilter,
    commitment_filter,
    organization_by_slug,
)
from commitments.api.views import documented
from commitments.models import Commitment, Organization

from ..models import OfficialAnswer, Question
from .shapes import OfficialAnswerSerializer, QuestionSerializer


def organization_filter() -> CodeFilter:
    return CodeFilter(
        method="filter_organization",
        resolve=organization_by_slug,
        unknown=_("No organisation with the id %(value)s."),
        help_text=_("Questions on commitments this organisation leads or co-leads (its slug)."),
    )


class QuestionFilter(CommitmentScopedFilter):
    organization = organization_filter()
    kind = filters.ChoiceFilter(choices=Question.Kind.choices, help_text=_("question or flag."))

    class Meta:
        model = Question
        fields: list[str] = []

    def filter_organization(self, queryset: QuerySet, name: str, org: Organization) -> QuerySet:
        return queryset.led_by(org)


class OfficialAnswerFilter(PlanScopedFilter):
    plan_field = "question__commitment__action_plan_id"
    commitment = commitment_filter()
    organization = CodeFilter(
        method="filter_organization",
        resolve=organization_by_slug,
        unknown=_("No organisation with the id %(value)s."),
        help_text=_("Answers given on behalf of this organisation (its slug)."),
    )

    class Meta:
        model = OfficialAnswer
        fields: list[str] = []

    def filter_commitment(self, queryset: QuerySet, name: str, commitment: Commitment) -> QuerySet:
        return queryset.filter(question__commitment_id=commitment.pk)

    def filter_organization(self, queryset: QuerySet, name: str, org: Organization) -> QuerySet:
        return queryset.filter(organization_id=org.pk)


def question_rows_for(ids: Sequence[Any]) -> list[dict]:
    """One query."""
    rows = []
    for values in (
        Question.objects.filter(pk__in=ids)
        .annotate(answer_count=Count("answers"))
        .values_list(
            "pk",
            "commitment__ogp_id",
            "commitment__action_plan__ogp_id",
            "commitment__action_plan__member__code",
            "kind",
            "state",
            "text",
            "name",
            "author__first_name",
            "author__last_name",
            "author_id",
            "published_at",
            "hidden_at",
            "hidden_reason",
            "answer_count",
            "resolved_at",
        )
    ):
        pk, commitment, plan, member, kind, state, text, name, first, last, author, *rest = values
        published_at, hidden_at, hidden_reason, answer_count, resolved_at = rest
        if author is not None:
            asked_by = f"{first} {last}".strip() or str(_("a registered user"))
        else:
            asked_by = name or str(_("a visitor"))
        hidden = state == Question.State.HIDDEN
        rows.append(
            {
                "_pk": pk,
                "id": pk,
                "commitment": commitment,
                "action_plan": plan,
                "member": member,
                "kind": kind,
                "state": state,
                "text": "" if hidden else text,
                "asked_by": asked_by,
                "published_at": published_at,
                "hidden_at": hidden_at,
                "hidden_reason": hidden_reason,
                "answer_count": answer_count,
                "resolved_at": resolved_at,
                "updated_at": max(t for t in (published_at, hidden_at, resolved_at) if t),
            }
        )
    return in_order(ids, rows)


def answer_rows(ids: Sequence[Any]) -> list[dict]:
    """One query."""
    rows = []
    for values in OfficialAnswer.objects.filter(pk__in=ids).values_list(
        "pk",
        "question_id",
        "question__commitment__ogp_id",
        "organization__slug",
        "organization__name",
        "author__first_name",
        "author__last_name",
        "text",
        "answered_at",
        "supersedes_id",
        "superseded_by__pk",
    ):
        pk, question, commitment, slug, org_name, first, last, text, at, supersedes, by = values
        rows.append(
            {
                "_pk": pk,
                "id": pk,
                "question": question,
                "commitment": commitment,
                "organization": slug,
                "organization_name": org_name,
                "answered_by": f"{first} {last}".strip() or str(_("a registered user")),
                "text": text,
                "answered_at": at,
                "supersedes": supersedes,
                "superseded_by": by,
                "updated_at": at,
            }
        )
    return in_order(ids, rows)


@documented(
    _(
        "Public questions and flags of wrong data on commitments, oldest first. A question "
        "hidden by a moderator stays listed with its reason, without its text."
    ),
    _("One public question, by id."),
)
class QuestionViewSet(ByPkViewSet):
    model = Question
    serializer_class = QuestionSerializer
    filterset_class = QuestionFilter
    ordering: ClassVar[list[str]] = ["published_at", "pk"]
    not_found_message = _("No public question with the id %(id)s.")

    def get_queryset(self) -> QuerySet:
        # A question changes when it is made public, hidden, or (a flag) handled.
        return Question.objects.published().annotate(
            updated_at=Greatest(
                Coalesce("hidden_at", "published_at"), Coalesce("resolved_at", "published_at")
            )
        )

    fetch_rows = staticmethod(question_rows_for)


@documented(
    _(
        "Official answers to public questions, never edited: a correction is a newer answer "
        "that names the one it supersedes."
    ),
    _("One official answer, by id."),
)
class OfficialAnswerViewSet(ByPkViewSet):
    model = OfficialAnswer
    serializer_class = OfficialAnswerSerializer
    filterset_class = OfficialAnswerFilter
    ordering: ClassVar[list[str]] = ["answered_at", "pk"]
    not_found_message = _("No official answer with the id %(id)s.")

    def get_queryset(self) -> QuerySet:
        # Answers are never edited: the time answered is when they last changed.
        return OfficialAnswer.objects.published().annotate(updated_at=F("answered_at"))

    fetch_rows = staticmethod(answer_rows)
