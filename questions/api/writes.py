"""Asking a question and answering it officially, through questions.services."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from commitments.api.write import WRITE_ERRORS, ServiceCreateView
from commitments.models import Commitment

from .. import services
from ..models import OfficialAnswer, Question
from .lists import answer_rows, question_rows_for
from .shapes import OfficialAnswerSerializer, QuestionSerializer


class AskSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Question.Kind.choices, default=Question.Kind.QUESTION)
    text = serializers.CharField(max_length=services.MAX_TEXT)


class AnswerSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=services.MAX_TEXT)
    supersedes = serializers.IntegerField(required=False, allow_null=True)


class QuestionCreate(ServiceCreateView):
    """Ask a public question or flag wrong data, from an account (visitors use the page)."""

    serializer_class = AskSerializer

    @extend_schema(
        summary=_("Ask a public question"),
        request=AskSerializer,
        responses={201: QuestionSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, ogp_id: str) -> Response:
        commitment = get_object_or_404(Commitment.objects.by_key(ogp_id))
        question = services.ask_question(
            commitment=commitment, user=request.user, **self.validated(request)
        )
        if question.state == Question.State.HELD:
            return Response(
                {"id": question.pk, "state": question.state}, status=status.HTTP_202_ACCEPTED
            )
        return self.created(question_rows_for, question)


class AnswerCreate(ServiceCreateView):
    """Answer a public question officially (responsible officials of the lead organisation)."""

    serializer_class = AnswerSerializer

    @extend_schema(
        summary=_("Answer a question officially"),
        request=AnswerSerializer,
        responses={201: OfficialAnswerSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        question = get_object_or_404(
            Question.objects.published().select_related("commitment"), pk=pk
        )
        data = self.validated(request)
        supersedes = None
        if data.get("supersedes") is not None:
            supersedes = OfficialAnswer.objects.filter(
                pk=data["supersedes"], question=question
            ).first()
            if supersedes is None:
                raise ValidationError(
                    {"supersedes": [_("That answer belongs to another question.")]}
                )
        answer = services.answer_question(
            question=question,
            author=request.user,
            text=data["text"],
            supersedes=supersedes,
        )
        return self.created(answer_rows, answer)
