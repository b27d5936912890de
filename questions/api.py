"""Questions and official answers in the API.

- GET /api/v1/questions/                        public list (member, action_plan, commitment,
                                                 organization, kind filters; ?format=csv)
- GET /api/v1/official-answers/                 official answers to public questions
- GET /api/v1/stats/questions/                  the figures per plan or organisation, ?as_of=
- POST /api/v1/commitments/{ogp_id}/questions/  ask, from an account (token or session)
- POST /api/v1/questions/{id}/answers/          answer officially (responsible officials)

Hidden questions stay in the list with their reason and without their text (counted publicly)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, ClassVar

import django_filters as filters
from django.db.models import Count, F, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from commitments.api.base import ByPkViewSet, PublicReadOnlyMixin, in_order
from commitments.api.filters import (
    CodeFilter,
    CommitmentScopedFilter,
    PlanScopedFilter,
    commitment_filter,
    organization_by_slug,
)
from commitments.api.snapshots import AS_OF_PARAMETER, parse_day
from commitments.api.views import ERRORS, FORMAT_PARAMETER, detail_schema, list_schema
from commitments.api.write import WRITE_ERRORS, ServiceCreateView
from commitments.models import ActionPlan, Commitment, Organization

from . import services
from .figures import QUESTION_RULE, figures_of, question_rows
from .models import OfficialAnswer, Question

# --- Shapes ------------------------------------------------------------------------------------------


class QuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("The question's id."))
    commitment = serializers.CharField(help_text=_("OGP id of the commitment."))
    action_plan = serializers.CharField(help_text=_("OGP id of the plan."))
    member = serializers.CharField(help_text=_("The member's OGP code."))
    kind = serializers.ChoiceField(
        choices=Question.Kind.choices, help_text=_("A question, or data flagged as wrong.")
    )
    state = serializers.ChoiceField(
        choices=[("public", _("Public")), ("hidden", _("Hidden by a moderator"))],
        help_text=_("Public, or hidden by a moderator (the text is then left out)."),
    )
    text = serializers.CharField(allow_blank=True, help_text=_("The question; empty when hidden."))
    asked_by = serializers.CharField(help_text=_("The name shown for whoever asked."))
    published_at = serializers.DateTimeField(help_text=_("When it was made public."))
    hidden_at = serializers.DateTimeField(allow_null=True, help_text=_("When it was hidden."))
    hidden_reason = serializers.CharField(allow_blank=True, help_text=_("Why it was hidden."))
    answer_count = serializers.IntegerField(help_text=_("Official answers, corrections included."))
    resolved_at = serializers.DateTimeField(
        allow_null=True, help_text=_("For a flag: when the correction was handled.")
    )


class OfficialAnswerSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("The answer's id."))
    question = serializers.IntegerField(help_text=_("The question's id."))
    commitment = serializers.CharField(help_text=_("OGP id of the commitment."))
    organization = serializers.CharField(help_text=_("Slug of the answering organisation."))
    organization_name = serializers.CharField(help_text=_("Name of the answering organisation."))
    answered_by = serializers.CharField(help_text=_("The official's name."))
    text = serializers.CharField(help_text=_("The answer."))
    answered_at = serializers.DateTimeField(help_text=_("When it was published."))
    supersedes = serializers.IntegerField(
        allow_null=True, help_text=_("The earlier answer this one corrects.")
    )
    superseded_by = serializers.IntegerField(
        allow_null=True, help_text=_("The later answer that corrects this one.")
    )


class QuestionFiguresSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("Plan OGP id or organisation slug."))
    label = serializers.CharField(help_text=_("Its name."))
    as_of = serializers.DateField(help_text=_("The day the figures describe."))
    asked = serializers.IntegerField(help_text=_("Questions public on that day (not hidden)."))
    answered = serializers.IntegerField(help_text=_("Of those, officially answered by that day."))
    median_days_to_answer = serializers.FloatField(
        allow_null=True, help_text=_("Median days from public to first answer.")
    )
    open_past_30_days = serializers.IntegerField(
        help_text=_("Public more than 30 days, unanswered on that day.")
    )
    hidden = serializers.IntegerField(help_text=_("Hidden by the moderators by that day."))


class QuestionStatsSerializer(serializers.Serializer):
    group_by = serializers.CharField()
    as_of = serializers.DateField()
    rule = serializers.CharField()
    results = QuestionFiguresSerializer(many=True)


# --- Lists -------------------------------------------------------------------------------------------


def _organization_filter() -> CodeFilter:
    return CodeFilter(
        method="filter_organization",
        resolve=organization_by_slug,
        unknown=_("No organisation with the id %(value)s."),
        help_text=_("Questions on commitments this organisation leads or co-leads (its slug)."),
    )


class QuestionFilter(CommitmentScopedFilter):
    organization = _organization_filter()
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


@extend_schema_view(
    list=list_schema(
        QuestionSerializer,
        _(
            "Public questions and flags of wrong data on commitments, oldest first. A question "
            "hidden by a moderator stays listed with its reason, without its text."
        ),
    ),
    retrieve=detail_schema(QuestionSerializer, _("One public question, by id.")),
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


@extend_schema_view(
    list=list_schema(
        OfficialAnswerSerializer,
        _(
            "Official answers to public questions, never edited: a correction is a newer answer "
            "that names the one it supersedes."
        ),
    ),
    retrieve=detail_schema(OfficialAnswerSerializer, _("One official answer, by id.")),
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


# --- Figures -----------------------------------------------------------------------------------------

QUESTION_GROUPINGS = ("action_plan", "organization")


class QuestionStatsFilter(PlanScopedFilter):
    plan_field = "commitment__action_plan_id"
    organization = _organization_filter()
    updated_since = None  # figures are as of a day (as_of), not a feed of changed rows

    class Meta:
        model = Question
        fields: list[str] = []

    def filter_organization(self, queryset: QuerySet, name: str, org: Organization) -> QuerySet:
        return queryset.led_by(org)


def figures_by(questions: QuerySet, grouping: str, day: Any, only: Organization | None) -> list:
    """The figures per plan or per organisation (lead and co-leads each count a question). Three
    queries: the question rows, the groups of their commitments, the groups' names."""
    day, rows = question_rows(questions, day)
    rows = list(rows)
    commitment_ids = {row[0] for row in rows}
    groups: dict[Any, set] = defaultdict(set)
    if grouping == "action_plan":
        for pk, key in Commitment.objects.filter(pk__in=commitment_ids).values_list(
            "pk", "action_plan__ogp_id"
        ):
            groups[pk].add(key)
        labels = dict(ActionPlan.objects.values_list("ogp_id", "title"))
    else:
        through = Commitment.co_lead_organizations.through.objects
        pairs = list(
            Commitment.objects.filter(
                pk__in=commitment_ids, lead_organization__isnull=False
            ).values_list("pk", "lead_organization__slug")
        ) + list(
            through.filter(commitment_id__in=commitment_ids).values_list(
                "commitment_id", "organization__slug"
            )
        )
        for pk, key in pairs:
            if only is None or key == only.slug:
                groups[pk].add(key)
        labels = dict(
            Organization.objects.filter(slug__in={k for _pk, k in pairs}).values_list(
                "slug", "name"
            )
        )
    per_group: dict[str, list] = defaultdict(list)
    for row in rows:
        for key in groups.get(row[0], ()):
            per_group[key].append(row)
    return [
        {"key": key, "label": labels.get(key, key), **figures_of(day, per_group[key]).as_dict()}
        for key in sorted(per_group)
    ]


class QuestionStatsView(PublicReadOnlyMixin, generics.GenericAPIView):
    """Question figures per plan or organisation, from the one definition (questions.figures)."""

    queryset = Question.objects.all()
    filterset_class = QuestionStatsFilter
    serializer_class = QuestionStatsSerializer
    pagination_class = None
    extra_query_params = frozenset({"group_by", "as_of"})

    def get_csv_serializer_class(self) -> type:
        return QuestionFiguresSerializer

    @extend_schema(
        description=_(
            "Public questions per action plan or per organisation (lead and co-leads): asked, "
            "answered, median days to answer, open past 30 days, hidden; with as_of, as they "
            "stood on that day."
        ),
        parameters=[
            OpenApiParameter(
                "group_by",
                OpenApiTypes.STR,
                enum=list(QUESTION_GROUPINGS),
                description=_("How to group the questions (default: action_plan)."),
            ),
            AS_OF_PARAMETER,
            FORMAT_PARAMETER,
        ],
        filters=True,
        responses={200: QuestionStatsSerializer, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        grouping = request.query_params.get("group_by", "action_plan")
        if grouping not in QUESTION_GROUPINGS:
            raise ValidationError(
                {"group_by": [_("Choose one of: %s.") % ", ".join(QUESTION_GROUPINGS)]}
            )
        day = parse_day(request, "as_of") or timezone.localdate()
        queryset = self.filter_queryset(self.get_queryset())
        slug = request.query_params.get("organization")
        only = organization_by_slug(slug) if slug else None
        results = figures_by(queryset, grouping, day, only)
        return Response(
            {
                "group_by": grouping,
                "as_of": day.isoformat(),
                "rule": str(QUESTION_RULE),
                "results": results,
            }
        )


# --- Writes ------------------------------------------------------------------------------------------


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
        commitment = get_object_or_404(Commitment, ogp_id=ogp_id.upper())
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        question = self.call(
            services.ask_question,
            commitment=commitment,
            user=request.user,
            **serializer.validated_data,
        )
        if question.state == Question.State.HELD:
            return Response(
                {"id": question.pk, "state": question.state}, status=status.HTTP_202_ACCEPTED
            )
        return Response(question_rows_for([question.pk])[0], status=status.HTTP_201_CREATED)


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
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        supersedes = None
        if serializer.validated_data.get("supersedes") is not None:
            supersedes = OfficialAnswer.objects.filter(
                pk=serializer.validated_data["supersedes"], question=question
            ).first()
            if supersedes is None:
                raise ValidationError(
                    {"supersedes": [_("That answer belongs to another question.")]}
                )
        answer = self.call(
            services.answer_question,
            question=question,
            author=request.user,
            text=serializer.validated_data["text"],
            supersedes=supersedes,
        )
        return Response(answer_rows([answer.pk])[0], status=status.HTTP_201_CREATED)
