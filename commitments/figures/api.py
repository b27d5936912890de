"""Figures as they stood on a past day (?as_of=YYYY-MM-DD) or by one IRM report (?irm_report=), and
their course over time, computed from the dated records by the as-of definition
(commitments.figures.as_of, counting.completion_by and counting.course). Same figures shape as the
live endpoint."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from operator import attrgetter
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from commitments.figures.as_of import AS_OF_RULE
from commitments.figures.counting import (
    GROUPINGS,
    GroupFigures,
    completion_by,
    course,
    group_label,
)
from commitments.figures.values import DEFAULT_IRM_REPORT, DENOMINATOR_RULE, IRM_REPORTS
from commitments.models import Commitment, OGPValue
from commitments.models.vocab import EARLIEST_DATE, OGP_VALUE_FIELDS, latest_plausible_date

from ..api.base import FiguresView, PublicReadOnlyMixin
from ..api.filters import CommitmentGroupFilter
from ..api.rows import organization_rows, plan_rows
from ..api.serializers import CompletionSerializer, CompletionStatsSerializer
from ..api.strict_filters import NAMED_BY_CODE
from ..api.views import (
    ERRORS,
    FORMAT_PARAMETER,
    IRM_REPORT_PARAMETER,
    ActionPlanViewSet,
    OrganizationViewSet,
    id_parameter,
)
from ..requirements.api import ActionPlanDetailSerializer, plan_requirement_rows


def group_by_parameter(groupings: Sequence[str], description: str) -> OpenApiParameter:
    return OpenApiParameter(
        "group_by", OpenApiTypes.STR, enum=list(groupings), description=description
    )


GROUP_BY_PARAMETER = group_by_parameter(
    GROUPINGS, _("How to group the commitments (default: member).")
)


def grouping_param(
    request: Request, groupings: Sequence[str] = GROUPINGS, default: str = "member"
) -> str:
    """A figures endpoint's ?group_by= (`default` when left out); a 400 naming the choices
    otherwise."""
    grouping = request.query_params.get("group_by", default)
    if grouping not in groupings:
        raise ValidationError({"group_by": [_("Choose one of: %s.") % ", ".join(groupings)]})
    return grouping


def group_row(group: GroupFigures) -> dict[str, Any]:
    """One group's row of the completion figures (live or as of a day)."""
    return {
        "key": group.key,
        "label": group.label,
        "commitment_count": group.figures.commitment_count,
        "completion": group.figures.as_dict(),
    }


class CompletionStatsView(FiguresView):
    """Completion figures per group, from the one definition (commitments.figures.counting)."""

    queryset = Commitment.objects.all()
    filterset_class = CommitmentGroupFilter
    serializer_class = CompletionStatsSerializer
    extra_query_params = frozenset({"group_by"})

    def file_kind(self) -> str:
        return "completion"

    @extend_schema(
        description=_(
            "Completion figures per member, action plan, lead organisation, OGP value or policy "
            "area, over the commitments that match the filters. Rates are numerator and "
            "denominator; the denominator counts every commitment of the group."
        ),
        parameters=[
            GROUP_BY_PARAMETER,
            FORMAT_PARAMETER,
        ],
        filters=True,  # not a list action, but every commitment filter narrows the figures
        responses={200: CompletionStatsSerializer, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        grouping = grouping_param(request)
        groups = completion_by(self.filter_queryset(self.get_queryset()), grouping)
        return Response(
            {
                "group_by": grouping,
                "denominator_rule": str(DENOMINATOR_RULE),
                "results": [group_row(group) for group in groups],
            }
        )


# The history's groupings, in the order its errors and schema list them: "all" is every commitment,
# under the one key "all", then counting.GROUPINGS.
ALL_KEY = "all"
HISTORY_GROUPINGS: tuple[str, ...] = (
    ALL_KEY,
    "member",
    "action_plan",
    "organization",
    "ogp_value",
    "policy_area",
)

AS_OF_PARAMETER = OpenApiParameter(
    "as_of",
    OpenApiTypes.DATE,
    description=_(
        "Figures as they stood on this day (YYYY-MM-DD), from the dated records (see as_of_rule "
        "in the answer); combines with every filter."
    ),
)


def parse_irm_report(request: Request) -> str | None:
    """?irm_report=, checked (400 naming the choices); None when not given."""
    return irm_report_in(request.query_params)


def irm_report_in(params: Mapping[str, str]) -> str | None:
    raw = params.get("irm_report")
    if raw is None:
        return None
    if raw not in IRM_REPORTS:
        raise ValidationError({"irm_report": [_("Choose one of: %s.") % ", ".join(IRM_REPORTS)]})
    return raw


def parse_day(request: Request, name: str) -> datetime.date | None:
    """?<name>=YYYY-MM-DD, checked (400 naming the parameter); None when not given."""
    return day_in(request.query_params, name)


def day_in(params: Mapping[str, str], name: str) -> datetime.date | None:
    raw = params.get(name)
    if raw is None:
        return None
    try:
        day = datetime.date.fromisoformat(raw)
    except ValueError:
        raise ValidationError({name: [_("Enter a date as YYYY-MM-DD.")]}) from None
    latest = latest_plausible_date()
    if not EARLIEST_DATE <= day <= latest:
        raise ValidationError(
            {
                name: [
                    _("Give a date between %(earliest)s and %(latest)s.")
                    % {"earliest": EARLIEST_DATE.isoformat(), "latest": latest.isoformat()}
                ]
            }
        )
    return day


class CompletionStatsAsOfView(CompletionStatsView):
    """The live completion figures, or with ?as_of= the figures that stood on that day."""

    extra_query_params = frozenset({"group_by", "as_of", "irm_report"})

    @extend_schema(
        description=_(
            "Completion figures per member, action plan, lead organisation, OGP value or policy "
            "area, over the commitments that match the filters; with as_of, as they stood on that "
            "day. Rates are numerator and denominator; the denominator counts every commitment."
        ),
        parameters=[
            GROUP_BY_PARAMETER,
            AS_OF_PARAMETER,
            IRM_REPORT_PARAMETER,
            FORMAT_PARAMETER,
        ],
        filters=True,  # live figures take every commitment filter (not combined with as_of)
        responses={200: CompletionStatsView.serializer_class, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        day, irm_report = parse_day(request, "as_of"), parse_irm_report(request)
        if day is None and irm_report is None:
            return super().get(request)
        grouping = grouping_param(request)
        queryset = self.filter_queryset(self.get_queryset())
        irm_report = irm_report or DEFAULT_IRM_REPORT
        groups = completion_by(queryset, grouping, day=day, irm_report=irm_report)
        return Response(
            {
                "group_by": grouping,
                "as_of": day.isoformat() if day else None,
                "irm_report": irm_report,
                "as_of_rule": str(AS_OF_RULE),
                "denominator_rule": str(DENOMINATOR_RULE),
                "results": [group_row(group) for group in groups],
            }
        )


class HistoryPointSerializer(serializers.Serializer):
    day = serializers.DateField()
    commitment_count = serializers.IntegerField()
    completion = CompletionSerializer()


class CompletionHistorySerializer(serializers.Serializer):
    group_by = serializers.CharField()
    key = serializers.CharField()
    label = serializers.CharField()
    denominator_rule = serializers.CharField()
    results = HistoryPointSerializer(many=True)


class CompletionHistoryView(PublicReadOnlyMixin, generics.GenericAPIView):
    """One group's completion figures over time, from the dated records, oldest first."""

    serializer_class = CompletionHistorySerializer
    pagination_class = None
    filter_backends: list = []
    names_its_csv = True

    def file_kind(self) -> str:
        return "completion-history"

    extra_query_params = frozenset({"group_by", "key", "since", "until", "step", "irm_report"})

    def get_csv_serializer_class(self) -> type:
        return HistoryPointSerializer

    @extend_schema(
        description=_(
            "The course of one group's completion figures, by the as-of definition (see "
            "as_of_rule): a point on each day something changed (a plan started, a status update, "
            "an IRM report's publication) and today, or with step=month at each month's end; "
            "oldest first. group_by=all (the default) is every commitment."
        ),
        parameters=[
            group_by_parameter(
                HISTORY_GROUPINGS, _("How to group the commitments (default: all).")
            ),
            OpenApiParameter(
                "key",
                OpenApiTypes.STR,
                description=_(
                    "The group: a member code, action plan OGP id, organisation slug, OGP value "
                    "or policy area slug. Not needed for group_by=all."
                ),
            ),
            OpenApiParameter(
                "since", OpenApiTypes.DATE, description=_("First day to include (YYYY-MM-DD).")
            ),
            OpenApiParameter(
                "until", OpenApiTypes.DATE, description=_("Last day to include (YYYY-MM-DD).")
            ),
            OpenApiParameter(
                "step",
                OpenApiTypes.STR,
                enum=["month"],
                description=_("A point at the end of every month instead of at each change."),
            ),
            IRM_REPORT_PARAMETER,
            FORMAT_PARAMETER,
        ],
        responses={200: CompletionHistorySerializer, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        grouping = request.query_params.get("group_by", "all")
        errors: dict[str, list[str]] = {}
        if grouping not in HISTORY_GROUPINGS:
            errors["group_by"] = [_("Choose one of: %s.") % ", ".join(HISTORY_GROUPINGS)]
        key = ALL_KEY if grouping == "all" else request.query_params.get("key", "").strip()
        if not key:
            errors["key"] = [_("Give the group's key, e.g. key=AP_PER01 for an action plan.")]
        step = request.query_params.get("step")
        if step not in (None, "month"):
            errors["step"] = [_("Choose month, or leave it out.")]
        if errors:
            raise ValidationError(errors)
        since, until = parse_day(request, "since"), parse_day(request, "until")
        irm_report = parse_irm_report(request) or DEFAULT_IRM_REPORT
        if since and until and since > until:
            raise ValidationError({"since": [_("since must not be after until.")]})
        commitments, key, label = group_commitments(grouping, key)
        if label is None:
            raise NotFound(
                _("No figures recorded for %(group)s %(key)s.") % {"group": grouping, "key": key}
            )
        points = course(commitments, since=since, until=until, step=step, irm_report=irm_report)
        return Response(
            {
                "group_by": grouping,
                "key": key,
                "label": label,
                "irm_report": irm_report,
                "as_of_rule": str(AS_OF_RULE),
                "denominator_rule": str(DENOMINATOR_RULE),
                "results": [
                    {
                        "day": day.isoformat(),
                        "commitment_count": figures.commitment_count,
                        "completion": figures.as_dict(),
                    }
                    for day, figures in points
                ],
            }
        )


# group_by -> what finds its group from the key as the commitment filters take it (NAMED_BY_CODE):
# in any case, and a nation by its ISO alpha-2 code too.
NAMED_BY = {
    "member": "member",
    "action_plan": "plan",
    "organization": "organization",
    "policy_area": "policy_area",
}


def group_commitments(grouping: str, key: str) -> tuple[QuerySet, str, str | None]:
    """The commitments of one group, its key as recorded and its label (None when the group has
    none)."""
    commitments = Commitment.objects.all()
    if grouping == "all":
        return commitments, key, str(_("All commitments"))
    if grouping == "ogp_value":
        field = OGP_VALUE_FIELDS.get(key)
        if field is None:
            return commitments.none(), key, None
        return commitments.filter(**{field: True}), key, str(OGPValue(key).label)
    group = NAMED_BY_CODE[NAMED_BY[grouping]][0](key)
    if group is None:
        return commitments.none(), key, None
    key_path, label_paths = GROUPINGS[grouping]
    relation, key_field = key_path.rsplit("__", 1)
    commitments = commitments.filter(**{relation: group})
    if not commitments.exists():
        return commitments, key, None
    recorded = getattr(group, key_field)
    # The label's values, read from the group found (a plan comes with its member).
    values = {
        name: attrgetter(path.removeprefix(f"{relation}__").replace("__", "."))(group)
        for name, path in label_paths.items()
    }
    return commitments, recorded, group_label(grouping, values) or recorded


PLAN_AS_OF_PARAMETER = OpenApiParameter(
    "as_of",
    OpenApiTypes.DATE,
    description=_(
        "The plan's completion figures as they stood on this day (YYYY-MM-DD), from the dated "
        "records: status updates by their as-of date, IRM assessments by their report's "
        "publication. Before the plan started: no commitments; before any record: no data."
    ),
)


class AsOfRowsMixin:
    """A list and detail whose figures take ?as_of= (commitments.figures.as_of)."""

    extra_query_params = frozenset({"as_of", "irm_report"})

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        # Refused here, as a 400, not while a download streams its rows (an empty 200 file).
        self.as_of_day()
        parse_irm_report(request)

    def as_of_day(self) -> datetime.date | None:
        return parse_day(self.request, "as_of")

    def fetch_rows(self, ids: Any) -> list[dict]:
        return self.row_builder(
            ids, day=self.as_of_day(), irm_report=parse_irm_report(self.request)
        )


class OrganizationAsOfViewSet(AsOfRowsMixin, OrganizationViewSet):
    """Organisations; list and detail take ?as_of= for the figures of a past day."""

    row_builder = staticmethod(organization_rows)


class ActionPlanAsOfViewSet(AsOfRowsMixin, ActionPlanViewSet):
    """Action plans; list and detail take ?as_of= for the figures of a past day."""

    row_builder = staticmethod(plan_rows)

    @extend_schema(
        description=_(
            "One action plan, by OGP id (AP_PER01); with as_of, its figures on that day."
        ),
        parameters=[
            id_parameter("ogp_id", _("The plan's OGP id, e.g. AP_PER01.")),
            PLAN_AS_OF_PARAMETER,
            IRM_REPORT_PARAMETER,
            FORMAT_PARAMETER,
        ],
        responses={200: ActionPlanDetailSerializer, **ERRORS},
    )
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        lookup = kwargs[self.lookup_url_kwarg or self.lookup_field]
        day, irm_report = self.as_of_day(), parse_irm_report(request)
        pk = self.resolve_lookup(lookup)
        rows = self.fetch_rows([pk]) if pk is not None else []
        if not rows:
            raise NotFound(str(self.not_found_message) % {"id": lookup[:40]})
        row = rows[0]
        as_of = day is not None or irm_report is not None
        if as_of:
            row.update(
                {
                    "as_of": day.isoformat() if day else None,
                    "irm_report": irm_report or DEFAULT_IRM_REPORT,
                    "as_of_rule": str(AS_OF_RULE),
                }
            )
        # OGP's minimum requirements are checked today, whatever the as_of (five more queries).
        row["requirements"] = plan_requirement_rows([pk])[0]["requirements"]
        return Response(row)  # no Last-Modified: see LeanReadOnlyViewSet.list
