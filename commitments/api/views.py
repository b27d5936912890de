"""Public read-only API, version 1: members, action plans, organisations, commitments, statistics.

The commitment endpoints here carry no IRM assessment (commitments knows nothing of the apps built
on it); the IRM app extends them with the latest published assessment and the history, and that
extended view is the one routed in `ogptracker/api_urls.py`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any, ClassVar

from django.db.models import QuerySet
from django.http import HttpResponsePermanentRedirect, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request

from commitments.figures.as_of import CommitmentLevels, as_of, commitment_levels
from commitments.figures.values import (
    DEFAULT_IRM_REPORT,
    IRM_REPORTS,
)
from commitments.models import ActionPlan, Commitment, CompletionLevel, Member, Organization
from commitments.models.vocab import OGPValue

from . import people, rows
from .base import LeanReadOnlyViewSet
from .csv import csv_columns, iter_csv
from .filters import (
    ActionPlanFilter,
    CommitmentFilter,
    MemberFilter,
    OrganizationFilter,
)
from .people import PeopleColumn
from .renderers import CSVRenderer
from .serializers import (
    ActionPlanSerializer,
    CommitmentBasisSerializer,
    CommitmentSerializer,
    ErrorSerializer,
    MemberSerializer,
    OrganizationSerializer,
)

FORMAT_PARAMETER = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    enum=["json", "csv"],
    description=_("json (default) or csv; an Accept: text/csv header works too."),
)
CSV_FORMAT_PARAMETER = OpenApiParameter(
    "format", OpenApiTypes.STR, enum=["csv"], description=_("csv, the only format here.")
)
ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description=_("A bad parameter, named in the body.")),
    404: OpenApiResponse(ErrorSerializer, description=_("No such record, or no such page.")),
    406: OpenApiResponse(
        ErrorSerializer,
        description=_("A ?format= this address does not give; the body names those it gives."),
    ),
    429: OpenApiResponse(ErrorSerializer, description=_("Too many requests; see Retry-After.")),
}


def list_schema(serializer: type, description: str) -> Any:
    return extend_schema(
        description=description,
        parameters=[FORMAT_PARAMETER],
        responses={200: serializer(many=True), **ERRORS},
    )


def id_parameter(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(name, OpenApiTypes.STR, OpenApiParameter.PATH, description=description)


COMMITMENT_AS_OF_PARAMETER = OpenApiParameter(
    "as_of",
    OpenApiTypes.DATE,
    description=_(
        "Each commitment's civil-society and IRM levels as they stood on this day (YYYY-MM-DD), "
        "by the figures' as-of definition; commitments whose plan had not started are left out."
    ),
)

IRM_REPORT_PARAMETER = OpenApiParameter(
    "irm_report",
    OpenApiTypes.STR,
    enum=list(IRM_REPORTS),
    description=_(
        "Which IRM report the IRM counts come from: latest (default: each commitment's latest "
        "published rating), progress (the mid-term progress report only) or end_of_term (the "
        "end-of-term, implementation or results report only). The answer's irm_basis lists the "
        "reports counted, with their publication dates."
    ),
)

COMMITMENT_ID = id_parameter("ogp_id", _("The commitment's OGP id, e.g. PE0008."))


def detail_schema(
    serializer: type, description: str, lookup: OpenApiParameter | None = None
) -> Any:
    return extend_schema(
        description=description,
        parameters=[lookup, FORMAT_PARAMETER] if lookup else [FORMAT_PARAMETER],
        responses={200: serializer, **ERRORS},
    )


def documented(
    list_description: str, detail_description: str, lookup: OpenApiParameter | None = None
) -> Any:
    """A lean viewset's list and detail in the schema: both described, the rows shaped by its
    `serializer_class`, the format parameter and the errors."""

    def document(viewset: type) -> type:
        serializer = viewset.serializer_class
        return extend_schema_view(
            list=list_schema(serializer, list_description),
            retrieve=detail_schema(serializer, detail_description, lookup),
        )(viewset)

    return document


class PerPlanViewSet(LeanReadOnlyViewSet):
    """A list with one row per action plan, found by its OGP id (AP_PER01), in the plans' order."""

    model = ActionPlan
    ordering: ClassVar[list[str]] = ["member__name", "number"]
    not_found_message = _("No action plan with the id %(id)s.")


@documented(
    _("OGP members: nations and local governments."),
    _("One member, by OGP code (PER) or ISO alpha-2 code (PE)."),
    id_parameter("code", _("OGP code (PER) or, for a nation, ISO alpha-2 code (PE).")),
)
class MemberViewSet(LeanReadOnlyViewSet):
    model = Member
    serializer_class = MemberSerializer
    filterset_class = MemberFilter
    lookup_field = "code"
    ordering: ClassVar[list[str]] = ["name"]
    not_found_message = _("No OGP member with the code %(id)s.")

    def people_columns(self) -> list[PeopleColumn]:
        return [
            PeopleColumn(_("OGP code"), people.value("code")),
            PeopleColumn(_("Name"), people.value("name")),
            PeopleColumn(_("Kind"), people.label("kind", Member.Kind.choices)),
            PeopleColumn(_("Joined OGP"), people.value("joined_on")),
            PeopleColumn(_("Action plans"), people.value("plan_count")),
            PeopleColumn(_("Commitments"), people.value("commitment_count")),
            PeopleColumn(_("Page"), people.page_with_query("commitments:plans", "member", "code")),
        ]

    fetch_rows = staticmethod(rows.member_rows)


@documented(
    _(
        "Action plans with their completion figures on the three tracks (government, civil "
        "society, IRM)."
    ),
    _("One action plan, by OGP id (AP_PER01)."),
    id_parameter("ogp_id", _("The plan's OGP id, e.g. AP_PER01.")),
)
class ActionPlanViewSet(PerPlanViewSet):
    serializer_class = ActionPlanSerializer
    filterset_class = ActionPlanFilter

    def people_columns(self) -> list[PeopleColumn]:
        return [
            PeopleColumn(_("Id"), people.value("ogp_id")),
            PeopleColumn(_("OGP member"), people.value("member_name")),
            PeopleColumn(_("Number"), people.value("number")),
            PeopleColumn(_("Title"), people.value("title")),
            PeopleColumn(_("Start"), people.value("start_date")),
            PeopleColumn(_("End"), people.value("end_date")),
            PeopleColumn(_("Status"), people.label("status", ActionPlan.Status.choices)),
            *completion_columns(),
            PeopleColumn(_("Page"), people.page("commitments:plan", "ogp_id", "ogp_id")),
        ]

    fetch_rows = staticmethod(rows.plan_rows)


@documented(
    _("Organisations, with the completion figures of the commitments they lead."),
    _("One organisation, by slug."),
    id_parameter("slug", _("The organisation's stable slug.")),
)
class OrganizationViewSet(LeanReadOnlyViewSet):
    model = Organization
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter
    lookup_field = "slug"
    ordering: ClassVar[list[str]] = ["name"]
    not_found_message = _("No organisation with the slug %(id)s.")

    def people_columns(self) -> list[PeopleColumn]:
        return [
            PeopleColumn(_("Name"), people.value("name")),
            PeopleColumn(_("Acronym"), people.value("acronym")),
            PeopleColumn(_("Kind"), people.label("kind", Organization.Kind.choices)),
            PeopleColumn(_("OGP member"), people.value("member")),
            PeopleColumn(_("Website"), people.value("website")),
            *completion_columns(_("Commitments led"), "led_commitment_count"),
            PeopleColumn(_("Page"), people.page("commitments:organization", "slug", "id")),
        ]

    fetch_rows = staticmethod(rows.organization_rows)


class CommitmentViewSet(LeanReadOnlyViewSet):
    """Commitments without the IRM part, which the IRM app's viewset adds (ogptracker/api_urls.py).

    With ?as_of= (and/or ?irm_report=) each row's civil-society and IRM levels are as they stood
    on that day, by the figures' one definition (commitments.figures.counting.commitment_levels), and
    commitments whose plan had not started are left out."""

    extra_query_params = frozenset({"as_of", "irm_report"})

    model = Commitment
    serializer_class = CommitmentSerializer
    filterset_class = CommitmentFilter
    ordering: ClassVar[list[str]] = ["ogp_id"]
    not_found_message = _("No commitment with the id %(id)s.")
    export_chunk_size = 2000

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """A commitment's row; an id it no longer has (replaced by OGP's own, or by migration
        0034) leads to its address now, as its page does (301, the query kept)."""
        try:
            return super().retrieve(request, *args, **kwargs)
        except NotFound:
            lookup = kwargs[self.lookup_field]
            if not re.fullmatch(self.lookup_pattern, lookup):
                raise
            current = Commitment.objects.by_former_key(lookup).values_list("ogp_id", flat=True)
            if not (current := current.first()):
                raise
        url = reverse("v1:commitment-detail", kwargs={self.lookup_field: current})
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)

    def page_extras(self, ids: Sequence[Any]) -> dict[str, dict[Any, Any]]:
        """Extra keys for a page of rows: {key: {commitment pk: value}} (a fixed number of queries)."""
        return {}

    def export_extras(self, queryset: QuerySet) -> dict[str, Iterator[tuple[Any, Any]]]:
        """Extra keys for the export: {key: iterator of (commitment pk, value) by pk}."""
        return {}

    def get_renderers(self) -> list:
        if self.action == "export":
            return [CSVRenderer()]  # a CSV file only (its errors are JSON all the same)
        return super().get_renderers()

    def records_basis(self) -> tuple[Any, str | None] | None:
        """(as_of day, irm_report) when the levels are asked from the records, else None."""
        from ..figures.api import parse_day, parse_irm_report

        day, irm_report = parse_day(self.request, "as_of"), parse_irm_report(self.request)
        return None if day is None and irm_report is None else (day, irm_report)

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        basis = self.records_basis()
        if basis is not None and basis[0] is not None:
            queryset = as_of(queryset, basis[0])
        return queryset

    def get_csv_serializer_class(self) -> type:
        base = super().get_csv_serializer_class()
        return base if self.records_basis() is None else as_of_serializer(base)

    def fetch_rows(self, ids: Sequence[Any]) -> list[dict]:
        extras = self.page_extras(ids) if ids else {}
        basis = self.records_basis()
        if basis is None or not ids:
            return rows.commitment_rows(ids, extras=extras)
        day, irm_report = basis
        extras[AS_OF_LEVELS] = dict(
            commitment_levels(
                Commitment.objects.filter(pk__in=ids),
                day=day,
                irm_report=irm_report or DEFAULT_IRM_REPORT,
            )
        )
        return [
            with_levels(row, row.pop(AS_OF_LEVELS), day, irm_report)
            for row in rows.commitment_rows(ids, extras=extras)
        ]

    def streamed_rows(self, queryset: QuerySet) -> Iterator[dict]:
        """Every row of `queryset` in internal-id order, streamed by cursors (memory stays flat),
        with each commitment's levels as of ?as_of= (on ?irm_report=) where asked, as the list
        gives them: the export's rows and the download's."""
        queryset = queryset.order_by("pk")
        extras = self.export_extras(queryset)
        basis = self.records_basis()
        if basis is not None:
            day, irm_report = basis
            extras[AS_OF_LEVELS] = commitment_levels(
                queryset, day=day, irm_report=irm_report or DEFAULT_IRM_REPORT
            )
        streamed = rows.stream_commitment_rows(queryset, extras, chunk_size=self.export_chunk_size)
        if basis is None:
            return streamed
        return (with_levels(row, row.pop(AS_OF_LEVELS), *basis) for row in streamed)

    def download_rows(self, queryset: QuerySet) -> Iterator[dict]:
        if "ordering" in self.request.query_params:
            return self.rows_in_order(queryset)  # in the order asked, a chunk of rows at a time
        return self.streamed_rows(queryset)

    def people_columns(self) -> list[PeopleColumn]:
        completion = CompletionLevel.choices
        return [
            PeopleColumn(_("Id"), people.value("ogp_id")),
            PeopleColumn(_("Title"), people.value("title")),
            # By name, as a reader looks for them, each beside its id (which scripts read).
            PeopleColumn(_("Action plan"), people.value("action_plan_name")),
            PeopleColumn(_("Action plan id"), people.value("action_plan")),
            PeopleColumn(_("OGP member"), people.value("member_name")),
            PeopleColumn(_("OGP code"), people.value("member")),
            PeopleColumn(_("Lead organisation"), people.value("lead_organization.name")),
            PeopleColumn(_("Co-leads"), people.names("co_lead_organizations")),
            PeopleColumn(_("Supporting organisations"), people.names("supporting_organizations")),
            PeopleColumn(_("OGP values"), people.labels("ogp_values", OGPValue.choices)),
            PeopleColumn(_("Policy areas"), people.names("policy_areas")),
            PeopleColumn(_("Start"), people.date_or_text("start_date", "start_date_text")),
            PeopleColumn(_("End"), people.date_or_text("end_date", "end_date_text")),
            PeopleColumn(
                _("Government's self-assessment"),
                people.label("government.completion", completion),
            ),
            PeopleColumn(_("Government's self-assessment as of"), people.value("government.as_of")),
            PeopleColumn(
                _("Civil society status"), people.label("civil_society.completion", completion)
            ),
            PeopleColumn(_("Civil society status as of"), people.value("civil_society.as_of")),
            PeopleColumn(
                _("Completion according to the IRM"), people.label("irm_completion", completion)
            ),
            PeopleColumn(_("Starred"), people.yes_no("irm_starred")),
            PeopleColumn(_("Page"), people.page("commitments:commitment", "ogp_id", "ogp_id")),
        ]

    @extend_schema(
        description=_(
            "Every commitment matching the filters (all of them without filters) with its latest "
            "published IRM assessment, as one streamed CSV file, ordered by internal id. "
            "Not paginated; the server's memory does not grow with the data. With as_of, each "
            "commitment's levels as they stood on that day."
        ),
        parameters=[COMMITMENT_AS_OF_PARAMETER, IRM_REPORT_PARAMETER, CSV_FORMAT_PARAMETER],
        # CSV only; its errors are JSON, as everywhere.
        responses={
            (200, "text/csv"): OpenApiTypes.STR,
            **{(status, "application/json"): error for status, error in ERRORS.items()},
        },
    )
    def export(self, request: Request) -> StreamingHttpResponse:
        columns = csv_columns(self.get_csv_serializer_class()())
        lines = iter_csv(self.streamed_rows(self.filter_queryset(self.get_queryset())), columns)
        response = StreamingHttpResponse(
            (line.encode("utf-8") for line in lines), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{self.csv_filename()}"'
        return response


def completion_columns(
    count_header: Any = None, count_key: str = "commitment_count"
) -> list[PeopleColumn]:
    """A group's figures on the three tracks: its commitments (the row's `count_key`), then
    complete and high completion."""
    return [
        PeopleColumn(count_header or _("Commitments"), people.value(count_key)),
        PeopleColumn(_("IRM: complete"), people.value("completion.irm.complete_rate.numerator")),
        PeopleColumn(
            _("IRM: substantial or complete"),
            people.value("completion.irm.high_completion_rate.numerator"),
        ),
        PeopleColumn(
            _("Civil society: complete"),
            people.value("completion.civil_society.complete_rate.numerator"),
        ),
        PeopleColumn(
            _("Civil society: substantial or complete"),
            people.value("completion.civil_society.high_completion_rate.numerator"),
        ),
        PeopleColumn(
            _("Government: complete"),
            people.value("completion.government.complete_rate.numerator"),
        ),
        PeopleColumn(
            _("Government: substantial or complete"),
            people.value("completion.government.high_completion_rate.numerator"),
        ),
    ]


AS_OF_LEVELS = "_as_of_levels"


def with_levels(
    row: dict, levels: CommitmentLevels | None, day: Any, irm_report: str | None
) -> dict:
    """A commitment row with its levels from the records (as of `day`, on the IRM basis)."""
    row["as_of"] = day
    row["irm_report"] = irm_report or DEFAULT_IRM_REPORT
    row.update(
        rows.track_statuses(
            levels.self_reported if levels else "",
            levels.self_reported_as_of if levels else None,
            levels.government if levels else "",
            levels.government_as_of if levels else None,
            levels.irm if levels else "",
        )
    )
    row["irm_completion"] = (levels.irm if levels else "") or None
    row["irm_starred"] = levels.irm_starred if levels else False
    basis = levels.irm_report.as_dict() if levels and levels.irm_report else None
    if basis is not None:
        del basis["commitment_count"]
    row["irm_basis"] = basis
    return row


_AS_OF_SERIALIZERS: dict[type, type] = {}


def as_of_serializer(base: type) -> type:
    """`base` with the as-of columns (as_of, irm_report, irm_basis), for the CSV header."""
    if base not in _AS_OF_SERIALIZERS:
        _AS_OF_SERIALIZERS[base] = type(
            f"AsOf{base.__name__}",
            (base,),
            {
                "as_of": serializers.DateField(allow_null=True),
                "irm_report": serializers.CharField(),
                "irm_basis": CommitmentBasisSerializer(allow_null=True),
            },
        )
    return _AS_OF_SERIALIZERS[base]
