"""The question figures per plan or organisation, as of a day (GET /api/v1/stats/questions/)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from commitments.api.base import FiguresView
from commitments.api.strict_filters import PlanScopedFilter, organization_by_slug
from commitments.api.views import ERRORS, FORMAT_PARAMETER
from commitments.figures.api import (
    AS_OF_PARAMETER,
    group_by_parameter,
    grouping_param,
    parse_day,
)
from commitments.models import ActionPlan, Commitment, Organization

from ..figures import QUESTION_RULE, figures_of, question_rows
from ..models import Question
from .lists import organization_filter
from .shapes import QuestionStatsSerializer

QUESTION_GROUPINGS = ("action_plan", "organization")


class QuestionStatsFilter(PlanScopedFilter):
    plan_field = "commitment__action_plan_id"
    organization = organization_filter()
    updated_since = None  # figures are as of a day (as_of), not a feed of changed rows

    class Meta:
        model = Question
        fields: list[str] = []

    def filter_organization(self, queryset: QuerySet, name: str, org: Organization) -> QuerySet:
        return queryset.led_by(org)


def figures_by(questions: QuerySet, grouping: str, day: Any, only: Organization | None) -> list:
    """The figures per plan or per organisation (lead and co-leads each count a question). The
    question rows, then per plan the commitments' plans with their names (two queries), per
    organisation the commitments' leads, their co-leads and the organisations' names (four)."""
    day, rows = question_rows(questions, day)
    rows = list(rows)
    commitment_ids = {row[0] for row in rows}
    groups: dict[Any, set] = defaultdict(set)
    labels: dict[str, str] = {}
    if grouping == "action_plan":
        name_paths = ActionPlan.name_paths("action_plan__")
        for pk, key, *name in Commitment.objects.filter(pk__in=commitment_ids).values_list(
            "pk", "action_plan__ogp_id", *name_paths.values()
        ):
            groups[pk].add(key)
            if key not in labels:
                labels[key] = ActionPlan.name_of(**dict(zip(name_paths, name, strict=True)))
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


class QuestionStatsView(FiguresView):
    """Question figures per plan or organisation, from the one definition (questions.figures)."""

    queryset = Question.objects.all()
    filterset_class = QuestionStatsFilter
    serializer_class = QuestionStatsSerializer
    extra_query_params = frozenset({"group_by", "as_of"})

    def file_kind(self) -> str:
        return "questions"

    @extend_schema(
        description=_(
            "Public questions per action plan or per organisation (lead and co-leads): asked, "
            "answered, median days to answer, open past 30 days, hidden; with as_of, as they "
            "stood on that day."
        ),
        parameters=[
            group_by_parameter(
                QUESTION_GROUPINGS, _("How to group the questions (default: action_plan).")
            ),
            AS_OF_PARAMETER,
            FORMAT_PARAMETER,
        ],
        filters=True,
        responses={200: QuestionStatsSerializer, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        grouping = grouping_param(request, QUESTION_GROUPINGS, default="action_plan")
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
