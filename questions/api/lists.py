"""The public lists of questions and official answers: filters, row builders, viewsets."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import django_filters as filters
from django.db.models import Count, F, QuerySet
from django.utils.translation import gettext_lazy as _

from commitments.api.base import ByPkViewSet, RowShape, in_order, place_lookups
from commitments.api.strict_filters import (
    CodeFilter,
    CommitmentScopedFilter,
    PlanScopedFilter,
    code_filter,
    commitment_filter,
)
from commitments.api.views import documented
from commitments.models import Commitment, Organization, public_name_of

from ..models import OfficialAnswer, Question
from .shapes import OfficialAnswerSerializer, QuestionSerializer


def organization_filter(help_text: Any = None) -> CodeFilter:
    return code_filter(
        "organization",
        "filter_organization",
        help_text or _("Questions on commitments this organisation leads or co-leads (its slug)."),
        unknown=_("No organisation with the id %(value)s."),
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
    organization = organization_filter(
        _("Answers given on behalf of this organisation (its slug).")
    )

    class Meta:
        model = OfficialAnswer
        fields: list[str] = []

    def filter_commitment(self, queryset: QuerySet, name: str, commitment: Commitment) -> QuerySet:
        return queryset.filter(question__commitment_id=commitment.pk)

    def filter_organization(self, queryset: QuerySet, name: str, org: Organization) -> QuerySet:
        return queryset.filter(organization_id=org.pk)


QUESTION_ROW = RowShape.of(
    QuestionSerializer,
    computed=("asked_by",),
    extra={"updated_at": "updated_at"},  # Last-Modified (Question.objects.with_updated_at)
    reads={
        "visitor": "name",
        "first": "author__first_name",
        "last": "author__last_name",
        "author": "author_id",
    },
    id="pk",
    **place_lookups(),
)


def _question_computed(question: dict) -> dict:
    if question["author"] is not None:
        asked_by = public_name_of(question["first"], question["last"])
    else:
        asked_by = question["visitor"] or str(_("a visitor"))
    hidden = question["state"] == Question.State.HIDDEN
    return {"text": "" if hidden else question["text"], "asked_by": asked_by}


def question_rows_for(ids: Sequence[Any]) -> list[dict]:
    """One query."""
    questions = (
        Question.objects.filter(pk__in=ids)
        .with_updated_at()
        .annotate(answer_count=Count("answers"))
    )
    return in_order(ids, QUESTION_ROW.rows(questions, _question_computed))


ANSWER_ROW = RowShape.of(
    OfficialAnswerSerializer,
    computed=("answered_by",),
    extra={"updated_at": "answered_at"},  # Last-Modified: answers are never edited
    reads={"first": "author__first_name", "last": "author__last_name"},
    id="pk",
    commitment="question__commitment__ogp_id",
    organization="organization__slug",
    organization_name="organization__name",
    superseded_by="superseded_by__pk",
)


def _answer_computed(answer: dict) -> dict:
    return {"answered_by": public_name_of(answer["first"], answer["last"])}


def answer_rows(ids: Sequence[Any]) -> list[dict]:
    """One query."""
    answers = OfficialAnswer.objects.filter(pk__in=ids)
    return in_order(ids, ANSWER_ROW.rows(answers, _answer_computed))


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
        return Question.objects.published().with_updated_at()

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
