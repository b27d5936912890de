"""Public read-only API over the accountability records: indicators and their readings, co-creation
proposals, consultation events and each plan's process data. Same shape as the other lists (lean
rows from `.values_list()`, id pagination, strict filters, ?format=csv). The plan-integrity warnings
read IRM data, so they live in `reviews.api.integrity`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

import django_filters as filters
from django.db.models import Count, F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_view
from rest_framework import serializers

from commitments.models import (
    ActionPlan,
    Commitment,
    ConsultationEvent,
    IAP2Level,
    Indicator,
    IndicatorReading,
    Phase,
    PlanProcess,
    Proposal,
)

from .base import LeanReadOnlyViewSet
from .filters import (
    CodeFilter,
    MemberScopedMixin,
    StrictBooleanFilter,
    StrictFilterSet,
    commitment_by_id,
    member_filter,
    plan_by_id,
)
from .views import detail_schema, list_schema

# --- Filters -----------------------------------------------------------------------------------------


def _plan_filter() -> CodeFilter:
    return CodeFilter(
        method="filter_action_plan",
        resolve=plan_by_id,
        unknown=_("No action plan with the id %(value)s."),
        help_text=_("An action plan by OGP id, e.g. AP_PER02."),
    )


def _commitment_filter() -> CodeFilter:
    return CodeFilter(
        method="filter_commitment",
        resolve=commitment_by_id,
        unknown=_("No commitment with the id %(value)s."),
        help_text=_("A commitment by OGP id, e.g. PE0008."),
    )


class _PlanScopedFilter(MemberScopedMixin, StrictFilterSet):
    """member and action_plan filters for a model that reaches its plan through `plan_field`."""

    plan_field: ClassVar[str] = "action_plan_id"
    member = member_filter(_("An OGP member by OGP code (PER) or ISO alpha-2 code (PE)."))
    action_plan = _plan_filter()

    def _plans(self, queryset: QuerySet, plans: QuerySet) -> QuerySet:
        return queryset.filter(**{f"{self.plan_field}__in": plans.values("pk")})

    def of_members(self, queryset: QuerySet, members: Iterable[int] | QuerySet) -> QuerySet:
        return self._plans(queryset, ActionPlan.objects.filter(member__in=members))

    def filter_action_plan(self, queryset: QuerySet, name: str, plan: ActionPlan) -> QuerySet:
        return self._plans(queryset, ActionPlan.objects.filter(pk=plan.pk))


class IndicatorFilter(_PlanScopedFilter):
    plan_field = "commitment__action_plan_id"
    commitment = _commitment_filter()

    class Meta:
        model = Indicator
        fields: list[str] = []

    def _plans(self, queryset: QuerySet, plans: QuerySet) -> QuerySet:
        return queryset.filter(
            commitment_id__in=Commitment.objects.filter(action_plan__in=plans).values("pk")
        )

    def filter_commitment(self, queryset: QuerySet, name: str, commitment: Commitment) -> QuerySet:
        return queryset.filter(commitment_id=commitment.pk)


class IndicatorReadingFilter(_PlanScopedFilter):
    commitment = _commitment_filter()
    indicator = filters.NumberFilter(field_name="indicator_id", help_text=_("An indicator by id."))

    class Meta:
        model = IndicatorReading
        fields: list[str] = []

    def _plans(self, queryset: QuerySet, plans: QuerySet) -> QuerySet:
        return queryset.filter(
            indicator_id__in=Indicator.objects.filter(commitment__action_plan__in=plans).values(
                "pk"
            )
        )

    def filter_commitment(self, queryset: QuerySet, name: str, commitment: Commitment) -> QuerySet:
        return queryset.filter(
            indicator_id__in=Indicator.objects.filter(commitment_id=commitment.pk).values("pk")
        )


class ProposalFilter(_PlanScopedFilter):
    outcome = filters.ChoiceFilter(
        choices=Proposal.Outcome.choices, help_text=_("What became of the proposal.")
    )
    priority = StrictBooleanFilter(
        field_name="priority", help_text=_("Marked as a priority by its proposers (true/false).")
    )
    by_civil_society = StrictBooleanFilter(
        field_name="by_civil_society", help_text=_("Proposed by civil society (true/false).")
    )

    class Meta:
        model = Proposal
        fields: list[str] = []


class ConsultationEventFilter(_PlanScopedFilter):
    phase = filters.ChoiceFilter(
        choices=Phase.choices, help_text=_("development or implementation.")
    )

    class Meta:
        model = ConsultationEvent
        fields: list[str] = []


class PlanProcessFilter(_PlanScopedFilter):
    development_level = filters.ChoiceFilter(
        field_name="irm_development_level",
        choices=IAP2Level.choices,
        help_text=_("IAP2 level during development, as the IRM recorded it."),
    )

    class Meta:
        model = PlanProcess
        fields: list[str] = []


# --- Row descriptions (schema and CSV columns) -------------------------------------------------------


# One IAP2 vocabulary under several field names: described in words rather than as one enum per name.
IAP2_HELP = _(
    "IAP2 level: inform, consult, involve, collaborate or empower; empty if not recorded."
)


class ReadingPointSerializer(serializers.Serializer):
    value = serializers.DecimalField(max_digits=14, decimal_places=4)
    as_of = serializers.DateField()


class IndicatorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    commitment = serializers.CharField(help_text=_("OGP id of the commitment."))
    action_plan = serializers.CharField(help_text=_("OGP id of the plan."))
    milestone = serializers.IntegerField(allow_null=True)
    milestone_title = serializers.CharField(allow_null=True)
    name = serializers.CharField()
    unit = serializers.CharField()
    baseline_value = serializers.DecimalField(max_digits=14, decimal_places=4, allow_null=True)
    baseline_date = serializers.DateField(allow_null=True)
    target_value = serializers.DecimalField(max_digits=14, decimal_places=4, allow_null=True)
    target_date = serializers.DateField(allow_null=True)
    data_source = serializers.CharField()
    method = serializers.CharField(help_text=_("How the value is obtained."))
    frequency = serializers.ChoiceField(choices=Indicator.Frequency.choices, allow_blank=True)
    reported_by = serializers.CharField(allow_null=True, help_text=_("Organisation slug."))
    reading_count = serializers.IntegerField()
    readings = ReadingPointSerializer(many=True, help_text=_("Every reading, oldest first."))
    updated_at = serializers.DateTimeField()


class IndicatorReadingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    indicator = serializers.IntegerField()
    indicator_name = serializers.CharField()
    commitment = serializers.CharField()
    value = serializers.DecimalField(max_digits=14, decimal_places=4)
    unit = serializers.CharField()
    as_of = serializers.DateField()
    evidence_url = serializers.CharField(allow_blank=True)
    note = serializers.CharField(allow_blank=True)
    reported_by = serializers.CharField(
        allow_null=True, help_text=_("The reporting organisation (slug); people are not named.")
    )
    corrects = serializers.IntegerField(allow_null=True)
    recorded_at = serializers.DateTimeField()


class OrgRefSerializer(serializers.Serializer):
    id = serializers.CharField(help_text=_("Stable slug."))
    name = serializers.CharField()


class ProposalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    action_plan = serializers.CharField()
    title = serializers.CharField()
    text = serializers.CharField(allow_blank=True)
    proposers = OrgRefSerializer(many=True)
    by_civil_society = serializers.BooleanField()
    proposed_on = serializers.DateField(allow_null=True)
    priority = serializers.BooleanField()
    outcome = serializers.ChoiceField(choices=Proposal.Outcome.choices)
    left_out = serializers.BooleanField(help_text=_("Dropped or never answered."))
    resulting_commitment = serializers.CharField(allow_null=True)
    government_response = serializers.CharField(allow_blank=True)
    response_date = serializers.DateField(allow_null=True)
    source = serializers.CharField(allow_blank=True)
    updated_at = serializers.DateTimeField()


class ConsultationEventSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    action_plan = serializers.CharField()
    phase = serializers.ChoiceField(choices=Phase.choices)
    kind = serializers.ChoiceField(choices=ConsultationEvent.Kind.choices)
    date = serializers.DateField(allow_null=True)
    place = serializers.CharField(allow_blank=True)
    in_capital = serializers.BooleanField(allow_null=True)
    participants = OrgRefSerializer(many=True)
    iap2_level = serializers.CharField(allow_blank=True, help_text=IAP2_HELP)
    description = serializers.CharField(allow_blank=True)
    updated_at = serializers.DateTimeField()


class PlanProcessSerializer(serializers.Serializer):
    action_plan = serializers.CharField()
    responsible_offices = OrgRefSerializer(many=True)
    office_level = serializers.ChoiceField(
        choices=PlanProcess.OfficeLevel.choices, allow_blank=True
    )
    political_endorsement = serializers.CharField(allow_blank=True)
    development_level = serializers.CharField(allow_blank=True, help_text=IAP2_HELP)
    development_level_label = serializers.CharField(help_text=_("As the IRM wrote it."))
    development_participation = serializers.CharField()
    implementation_level = serializers.CharField(allow_blank=True, help_text=IAP2_HELP)
    implementation_level_label = serializers.CharField(help_text=_("As the IRM wrote it."))
    implementation_participation = serializers.CharField()
    regular_forum = serializers.BooleanField(allow_null=True)
    timeline_available = serializers.BooleanField(allow_null=True)
    advance_notice = serializers.BooleanField(allow_null=True)
    days_in_advance = serializers.IntegerField(allow_null=True)
    awareness_raising = serializers.BooleanField(allow_null=True)
    online_consultation = serializers.BooleanField(allow_null=True)
    in_person_consultation = serializers.BooleanField(allow_null=True)
    summary_of_comments = serializers.BooleanField(allow_null=True)
    steps_followed = serializers.IntegerField(allow_null=True)
    multi_agency = serializers.BooleanField(allow_null=True)
    updated_at = serializers.DateTimeField()


# --- Row builders: a fixed number of queries for any number of rows ---------------------------------


def _in_order(ids: Sequence[Any], rows: Iterable[dict]) -> list[dict]:
    by_pk = {row.pop("_pk"): row for row in rows}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def _orgs_by(through_rows: Iterable[tuple[Any, str, str]]) -> dict[Any, list[dict]]:
    found: dict[Any, list[dict]] = defaultdict(list)
    for owner, slug, name in through_rows:
        found[owner].append({"id": slug, "name": name})
    return found


def indicator_rows(ids: Sequence[Any]) -> list[dict]:
    """Two queries: the indicators with their reading count, then their readings."""
    reading_count = (
        IndicatorReading.objects.filter(indicator=OuterRef("pk"))
        .order_by()
        .values("indicator")
        .annotate(n=Count("pk"))
        .values("n")
    )
    readings: dict[Any, list[dict]] = defaultdict(list)
    for indicator_id, value, as_of in (
        IndicatorReading.objects.filter(indicator_id__in=ids)
        .order_by("as_of", "recorded_at", "pk")
        .values_list("indicator_id", "value", "as_of")
    ):
        readings[indicator_id].append({"value": value, "as_of": as_of})
    tuples = (
        Indicator.objects.filter(pk__in=ids)
        .annotate(reading_count=Coalesce(Subquery(reading_count), 0))
        .values_list(
            "pk",
            "commitment__ogp_id",
            "commitment__action_plan__ogp_id",
            "milestone_id",
            "milestone__title",
            "name",
            "unit",
            "baseline_value",
            "baseline_date",
            "target_value",
            "target_date",
            "data_source",
            "method",
            "frequency",
            "reported_by__slug",
            "reading_count",
            "updated_at",
        )
    )
    keys = (
        "_pk",
        "commitment",
        "action_plan",
        "milestone",
        "milestone_title",
        "name",
        "unit",
        "baseline_value",
        "baseline_date",
        "target_value",
        "target_date",
        "data_source",
        "method",
        "frequency",
        "reported_by",
        "reading_count",
        "updated_at",
    )
    rows = []
    for values in tuples:
        row = dict(zip(keys, values, strict=True))
        row["id"] = row["_pk"]
        row["readings"] = readings.get(row["_pk"], [])
        rows.append(row)
    return _in_order(ids, rows)


def reading_rows(ids: Sequence[Any]) -> list[dict]:
    """One query."""
    keys = (
        "_pk",
        "indicator",
        "indicator_name",
        "commitment",
        "value",
        "unit",
        "as_of",
        "evidence_url",
        "note",
        "reported_by",
        "corrects",
        "recorded_at",
    )
    tuples = IndicatorReading.objects.filter(pk__in=ids).values_list(
        "pk",
        "indicator_id",
        "indicator__name",
        "indicator__commitment__ogp_id",
        "value",
        "indicator__unit",
        "as_of",
        "evidence_url",
        "note",
        "author_organization__slug",
        "corrects_id",
        "recorded_at",
    )
    rows = []
    for values in tuples:
        row = dict(zip(keys, values, strict=True))
        row["id"] = row["_pk"]
        rows.append(row)
    return _in_order(ids, rows)


def proposal_rows(ids: Sequence[Any]) -> list[dict]:
    """Two queries: the proposals, then their proposers."""
    proposers = _orgs_by(
        Proposal.proposers.through.objects.filter(proposal_id__in=ids)
        .order_by("organization__name")
        .values_list("proposal_id", "organization__slug", "organization__name")
    )
    rows = []
    for values in Proposal.objects.filter(pk__in=ids).values_list(
        "pk",
        "action_plan__ogp_id",
        "title",
        "text",
        "by_civil_society",
        "proposed_on",
        "priority",
        "outcome",
        "resulting_commitment__ogp_id",
        "government_response",
        "response_date",
        "source",
        "updated_at",
    ):
        pk, plan, title, text, by_cs, proposed_on, priority, outcome, commitment, *rest = values
        response, response_date, source, updated_at = rest
        rows.append(
            {
                "_pk": pk,
                "id": pk,
                "action_plan": plan,
                "title": title,
                "text": text,
                "proposers": proposers.get(pk, []),
                "by_civil_society": by_cs,
                "proposed_on": proposed_on,
                "priority": priority,
                "outcome": outcome,
                "left_out": outcome in Proposal.LEFT_OUT,
                "resulting_commitment": commitment,
                "government_response": response,
                "response_date": response_date,
                "source": source,
                "updated_at": updated_at,
            }
        )
    return _in_order(ids, rows)


def event_rows(ids: Sequence[Any]) -> list[dict]:
    """Two queries: the events, then their participants."""
    participants = _orgs_by(
        ConsultationEvent.participants.through.objects.filter(consultationevent_id__in=ids)
        .order_by("organization__name")
        .values_list("consultationevent_id", "organization__slug", "organization__name")
    )
    keys = (
        "_pk",
        "action_plan",
        "phase",
        "kind",
        "date",
        "place",
        "in_capital",
        "iap2_level",
        "description",
        "updated_at",
    )
    rows = []
    for values in ConsultationEvent.objects.filter(pk__in=ids).values_list(
        "pk",
        "action_plan__ogp_id",
        "phase",
        "kind",
        "date",
        "place",
        "in_capital",
        "iap2_level",
        "description",
        "updated_at",
    ):
        row = dict(zip(keys, values, strict=True))
        row["id"] = row["_pk"]
        row["participants"] = participants.get(row["_pk"], [])
        rows.append(row)
    return _in_order(ids, rows)


PROCESS_FIELDS = (
    "office_level",
    "political_endorsement",
    "irm_development_level",
    "irm_development_level_label",
    "irm_development_participation",
    "irm_implementation_level",
    "irm_implementation_level_label",
    "irm_implementation_participation",
    "irm_regular_forum",
    "irm_timeline_available",
    "irm_advance_notice",
    "irm_days_in_advance",
    "irm_awareness_raising",
    "irm_online_consultation",
    "irm_in_person_consultation",
    "irm_summary_of_comments",
    "irm_steps_followed",
    "irm_multi_agency",
    "updated_at",
)


def process_rows(ids: Sequence[Any]) -> list[dict]:
    """Two queries: the process rows, then the responsible offices."""
    offices = _orgs_by(
        PlanProcess.responsible_organizations.through.objects.filter(planprocess_id__in=ids)
        .order_by("organization__name")
        .values_list("planprocess_id", "organization__slug", "organization__name")
    )
    rows = []
    for pk, plan, *values in PlanProcess.objects.filter(pk__in=ids).values_list(
        "pk", "action_plan__ogp_id", *PROCESS_FIELDS
    ):
        row = {"_pk": pk, "action_plan": plan, "responsible_offices": offices.get(pk, [])}
        row.update(
            {
                name.removeprefix("irm_"): value
                for name, value in zip(PROCESS_FIELDS, values, strict=True)
            }
        )
        rows.append(row)
    return _in_order(ids, rows)


# --- Views -------------------------------------------------------------------------------------------


class _ByPk(LeanReadOnlyViewSet):
    lookup_field = "pk"
    lookup_pattern = r"[0-9]{1,12}"


@extend_schema_view(
    list=list_schema(
        IndicatorSerializer,
        _("Indicators of commitments (or milestones): baseline, target, source, readings."),
    ),
    retrieve=detail_schema(IndicatorSerializer, _("One indicator, by id.")),
)
class IndicatorViewSet(_ByPk):
    model = Indicator
    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilter
    ordering: ClassVar[list[str]] = ["commitment__ogp_id", "pk"]
    not_found_message = _("No indicator with the id %(id)s.")

    def fetch_rows(self, ids: Sequence[Any]) -> list[dict]:
        return indicator_rows(ids)


@extend_schema_view(
    list=list_schema(
        IndicatorReadingSerializer,
        _("Indicator readings, append-only: a correction is a newer reading."),
    ),
    retrieve=detail_schema(IndicatorReadingSerializer, _("One reading, by id.")),
)
class IndicatorReadingViewSet(_ByPk):
    model = IndicatorReading
    serializer_class = IndicatorReadingSerializer
    filterset_class = IndicatorReadingFilter
    ordering: ClassVar[list[str]] = ["indicator_id", "as_of", "recorded_at"]
    not_found_message = _("No indicator reading with the id %(id)s.")

    def get_queryset(self) -> QuerySet:
        # Readings are never edited: the time recorded is when they last changed.
        return IndicatorReading.objects.annotate(updated_at=F("recorded_at"))

    def fetch_rows(self, ids: Sequence[Any]) -> list[dict]:
        return reading_rows(ids)


@extend_schema_view(
    list=list_schema(
        ProposalSerializer,
        _("Proposals made during a plan's co-creation and what became of each."),
    ),
    retrieve=detail_schema(ProposalSerializer, _("One proposal, by id.")),
)
class ProposalViewSet(_ByPk):
    model = Proposal
    serializer_class = ProposalSerializer
    filterset_class = ProposalFilter
    ordering: ClassVar[list[str]] = ["action_plan__ogp_id", "-priority", "pk"]
    not_found_message = _("No proposal with the id %(id)s.")

    def fetch_rows(self, ids: Sequence[Any]) -> list[dict]:
        return proposal_rows(ids)


@extend_schema_view(
    list=list_schema(
        ConsultationEventSerializer,
        _("Consultation events of a plan's development and implementation."),
    ),
    retrieve=detail_schema(ConsultationEventSerializer, _("One consultation event, by id.")),
)
class ConsultationEventViewSet(_ByPk):
    model = ConsultationEvent
    serializer_class = ConsultationEventSerializer
    filterset_class = ConsultationEventFilter
    ordering: ClassVar[list[str]] = ["action_plan__ogp_id", "date"]
    not_found_message = _("No consultation event with the id %(id)s.")

    def fetch_rows(self, ids: Sequence[Any]) -> list[dict]:
        return event_rows(ids)


@extend_schema_view(
    list=list_schema(
        PlanProcessSerializer,
        _(
            "Each plan's responsible offices and co-creation process: IAP2 level of public "
            "influence and consultation steps, from the IRM process data."
        ),
    ),
    retrieve=detail_schema(PlanProcessSerializer, _("The process of one plan, by plan OGP id.")),
)
class PlanProcessViewSet(LeanReadOnlyViewSet):
    model = PlanProcess
    serializer_class = PlanProcessSerializer
    filterset_class = PlanProcessFilter
    lookup_field = "action_plan__ogp_id"
    ordering: ClassVar[list[str]] = ["action_plan__ogp_id"]
    not_found_message = _("No process data for the action plan %(id)s.")

    def resolve_lookup(self, lookup: str) -> Any:
        return super().resolve_lookup(lookup.upper())

    def fetch_rows(self, ids: Sequence[Any]) -> list[dict]:
        return process_rows(ids)
