"""Public read-only API over the IRM track: published assessments, and the commitment endpoints
extended with each commitment's latest published assessment and its history."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, ClassVar

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from commitments.api import people
from commitments.api.base import ByPkViewSet
from commitments.api.people import PeopleColumn
from commitments.api.renderers import ORJSONRenderer
from commitments.api.views import (
    COMMITMENT_AS_OF_PARAMETER,
    COMMITMENT_ID,
    ERRORS,
    FORMAT_PARAMETER,
    IRM_REPORT_PARAMETER,
    CommitmentViewSet,
    documented,
    id_parameter,
)
from reviews.models import Assessment, IRMReport, OpenedGovernment, PotentialImpact

from . import rows
from .filters import AssessmentFilter
from .serializers import AssessmentSerializer, PublicCommitmentSerializer, PublicHistorySerializer

LATEST = "latest_irm_assessment"


@extend_schema_view(
    list=extend_schema(
        description=_(
            "Commitments with their organisations, OGP values, policy areas, current status "
            "on the government's and civil society's tracks and latest published IRM "
            "assessment. With as_of (or irm_report), government, civil_society (and its "
            "deprecated alias self_reported), tracks_disagree, irm_completion, irm_starred, "
            "irm_basis and "
            "latest_irm_assessment are as they stood on that day (on that IRM basis), and "
            "commitments whose plan had not started are left out."
        ),
        parameters=[COMMITMENT_AS_OF_PARAMETER, IRM_REPORT_PARAMETER, FORMAT_PARAMETER],
        responses={200: PublicCommitmentSerializer(many=True), **ERRORS},
    ),
    retrieve=extend_schema(
        description=_("One commitment, by OGP id (PE0008)."),
        parameters=[
            COMMITMENT_ID,
            COMMITMENT_AS_OF_PARAMETER,
            IRM_REPORT_PARAMETER,
            FORMAT_PARAMETER,
        ],
        responses={200: PublicCommitmentSerializer, **ERRORS},
    ),
)
class PublicCommitmentViewSet(CommitmentViewSet):
    serializer_class = PublicCommitmentSerializer

    def page_extras(self, ids: Sequence[Any]) -> dict[str, dict[Any, Any]]:
        day, irm_report = self.records_basis() or (None, None)
        return {LATEST: rows.latest_assessments(ids, day=day, irm_report=irm_report)}

    def export_extras(self, queryset: QuerySet) -> dict[str, Iterator[tuple[Any, Any]]]:
        day, irm_report = self.records_basis() or (None, None)
        return {
            LATEST: rows.stream_latest_assessments(
                queryset, self.export_chunk_size, day=day, irm_report=irm_report
            )
        }

    def people_columns(self) -> list[PeopleColumn]:
        *columns, page = super().people_columns()
        return [
            *columns,
            PeopleColumn(_("IRM report"), people.value(f"{LATEST}.report.title")),
            PeopleColumn(_("IRM report published"), people.value(f"{LATEST}.report.published_on")),
            PeopleColumn(
                _("Potential impact"),
                people.label(f"{LATEST}.potential_impact", PotentialImpact.choices),
            ),
            PeopleColumn(
                _("Did it open government?"),
                people.label(f"{LATEST}.opened_government", OpenedGovernment.choices),
            ),
            page,
        ]

    @extend_schema(
        description=_(
            "The civil-society status updates (with their evidence) and the published IRM "
            "assessments of one commitment, oldest first. JSON only."
        ),
        parameters=[COMMITMENT_ID],
        responses={200: PublicHistorySerializer, **ERRORS},
    )
    @action(
        detail=True,
        renderer_classes=[ORJSONRenderer],
        pagination_class=None,
        extra_query_params=frozenset(),  # every record, whatever the day
    )
    def history(self, request: Request, ogp_id: str) -> Response:
        pk = self.resolve_lookup(ogp_id)
        if pk is None:
            self.get_row(ogp_id)  # raises the JSON 404
        return Response({"commitment": ogp_id.upper(), **rows.history(pk)})


@documented(
    _("Published IRM assessments only."),
    _("One published IRM assessment, by id."),
    id_parameter("id", _("The assessment's id.")),
)
class AssessmentViewSet(ByPkViewSet):
    model = Assessment
    serializer_class = AssessmentSerializer
    filterset_class = AssessmentFilter
    lookup_url_kwarg = "id"
    lookup_pattern: ClassVar[str] = r"[0-9]{1,18}"
    ordering: ClassVar[list[str]] = ["pk"]
    not_found_message = _("No published IRM assessment with the id %(id)s.")

    def get_queryset(self) -> QuerySet:
        # Published only; a report subquery keeps the paginator's count off the join.
        return Assessment.objects.filter(report__in=IRMReport.objects.published().values("pk"))

    fetch_rows = staticmethod(rows.assessment_rows)
