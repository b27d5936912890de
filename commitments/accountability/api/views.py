"""The accountability lists: indicators and readings, proposals, consultation events, plan processes."""

from __future__ import annotations

from typing import ClassVar

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from commitments.models import (
    ActionPlan,
    ConsultationEvent,
    Indicator,
    IndicatorReading,
    PlanProcess,
    Proposal,
)

from ...api.base import ByPkViewSet, LeanReadOnlyViewSet
from ...api.views import documented
from ...reports.api.views import ReportViewSet
from .filters import (
    ConsultationEventFilter,
    IndicatorFilter,
    IndicatorReadingFilter,
    PlanProcessFilter,
    ProposalFilter,
)
from .rows import event_rows, indicator_rows, process_rows, proposal_rows, reading_rows
from .serializers import (
    ConsultationEventSerializer,
    IndicatorReadingSerializer,
    IndicatorSerializer,
    PlanProcessSerializer,
    ProposalSerializer,
)


@documented(
    _("Indicators of commitments (or milestones): baseline, target, source, readings."),
    _("One indicator, by id."),
)
class IndicatorViewSet(ByPkViewSet):
    model = Indicator
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    ordering: ClassVar[list[str]] = ["commitment__ogp_id", "pk"]
    not_found_message = _("No indicator with the id %(id)s.")
    fetch_rows = staticmethod(indicator_rows)


@documented(
    _("Indicator readings, append-only: a correction is a newer reading."),
    _("One reading, by id."),
)
class IndicatorReadingViewSet(ReportViewSet):
    model = IndicatorReading
    serializer_class = IndicatorReadingSerializer
    filterset_class = IndicatorReadingFilter
    ordering: ClassVar[list[str]] = ["indicator_id", "as_of", "recorded_at"]
    not_found_message = _("No indicator reading with the id %(id)s.")
    fetch_rows = staticmethod(reading_rows)


@documented(
    _("Proposals made during a plan's co-creation and what became of each."),
    _("One proposal, by id."),
)
class ProposalViewSet(ByPkViewSet):
    model = Proposal
    serializer_class = ProposalSerializer
    filterset_class = ProposalFilter
    ordering: ClassVar[list[str]] = ["action_plan__ogp_id", "-priority", "pk"]
    not_found_message = _("No proposal with the id %(id)s.")
    fetch_rows = staticmethod(proposal_rows)


@documented(
    _("Consultation events of a plan's development and implementation."),
    _("One consultation event, by id."),
)
class ConsultationEventViewSet(ByPkViewSet):
    model = ConsultationEvent
    serializer_class = ConsultationEventSerializer
    filterset_class = ConsultationEventFilter
    ordering: ClassVar[list[str]] = ["action_plan__ogp_id", "date"]
    not_found_message = _("No consultation event with the id %(id)s.")
    fetch_rows = staticmethod(event_rows)


@documented(
    _(
        "Each plan's responsible offices and co-creation process: IAP2 level of public "
        "influence and consultation steps, from the IRM process data."
    ),
    _("The process of one plan, by plan OGP id."),
)
class PlanProcessViewSet(LeanReadOnlyViewSet):
    model = PlanProcess
    serializer_class = PlanProcessSerializer
    filterset_class = PlanProcessFilter
    lookup_field = "action_plan__ogp_id"
    ordering: ClassVar[list[str]] = ["action_plan__ogp_id"]
    not_found_message = _("No process data for the action plan %(id)s.")
    fetch_rows = staticmethod(process_rows)

    def find(self, queryset: QuerySet, lookup: str) -> QuerySet:
        return queryset.filter(action_plan__in=ActionPlan.objects.by_key(lookup))
