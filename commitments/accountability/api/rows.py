"""Row builders of the accountability lists: a fixed number of queries for any number of rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from commitments.models import ConsultationEvent, Indicator, IndicatorReading, PlanProcess, Proposal

from ...api.base import RowShape, columns_of, count_of, in_order, values_rows
from .serializers import (
    ConsultationEventSerializer,
    IndicatorReadingSerializer,
    IndicatorSerializer,
    PlanProcessSerializer,
    ProposalSerializer,
)

# Row key: lookup, the rest of each serializer's fields being added by the row builder.
INDICATOR_COLUMNS = columns_of(
    IndicatorSerializer,
    computed=("id", "readings"),
    commitment="commitment__ogp_id",
    action_plan="commitment__action_plan__ogp_id",
    milestone_title="milestone__title",
    reported_by="reported_by__slug",
)
READING_COLUMNS = columns_of(
    IndicatorReadingSerializer,
    computed=("id",),
    indicator_name="indicator__name",
    commitment="indicator__commitment__ogp_id",
    unit="indicator__unit",
    reported_by="author_organization__slug",
)
EVENT_COLUMNS = columns_of(
    ConsultationEventSerializer,
    computed=("id", "participants"),
    action_plan="action_plan__ogp_id",
)


def _orgs_of(relation: Any, ids: Sequence[Any]) -> dict[Any, list[dict]]:
    """One query: the organisations a many-to-many `relation` (Proposal.proposers) gives each of
    the records `ids`, by name: {record pk: [{"id": slug, "name": name}]}."""
    owner = relation.field.m2m_field_name() + "_id"
    found: dict[Any, list[dict]] = defaultdict(list)
    for pk, slug, name in (
        relation.through.objects.filter(**{f"{owner}__in": ids})
        .order_by("organization__name")
        .values_list(owner, "organization__slug", "organization__name")
    ):
        found[pk].append({"id": slug, "name": name})
    return found


def indicator_rows(ids: Sequence[Any]) -> list[dict]:
    """Two queries: the indicators with their reading count, then their readings."""
    readings: dict[Any, list[dict]] = defaultdict(list)
    for indicator_id, value, as_of in (
        IndicatorReading.objects.filter(indicator_id__in=ids)
        .order_by("as_of", "recorded_at", "pk")
        .values_list("indicator_id", "value", "as_of")
    ):
        readings[indicator_id].append({"value": value, "as_of": as_of})
    indicators = Indicator.objects.filter(pk__in=ids).annotate(
        reading_count=count_of(IndicatorReading, "indicator")
    )
    rows = values_rows(indicators, INDICATOR_COLUMNS)
    for row in rows:
        row["id"] = row["_pk"]
        row["readings"] = readings.get(row["_pk"], [])
    return in_order(ids, rows)


def reading_rows(ids: Sequence[Any]) -> list[dict]:
    """One query."""
    rows = values_rows(IndicatorReading.objects.filter(pk__in=ids), READING_COLUMNS)
    for row in rows:
        row["id"] = row["_pk"]
    return in_order(ids, rows)


PROPOSAL_ROW = RowShape.of(
    ProposalSerializer,
    computed=("id", "proposers", "left_out"),
    action_plan="action_plan__ogp_id",
    resulting_commitment="resulting_commitment__ogp_id",
)


def proposal_rows(ids: Sequence[Any]) -> list[dict]:
    """Two queries: the proposals, then their proposers."""
    proposers = _orgs_of(Proposal.proposers, ids)

    def computed(proposal: dict) -> dict:
        return {
            "id": proposal["_pk"],
            "proposers": proposers.get(proposal["_pk"], []),
            "left_out": proposal["outcome"] in Proposal.LEFT_OUT,
        }

    return in_order(ids, PROPOSAL_ROW.rows(Proposal.objects.filter(pk__in=ids), computed))


def event_rows(ids: Sequence[Any]) -> list[dict]:
    """Two queries: the events, then their participants."""
    participants = _orgs_of(ConsultationEvent.participants, ids)
    rows = values_rows(ConsultationEvent.objects.filter(pk__in=ids), EVENT_COLUMNS)
    for row in rows:
        row["id"] = row["_pk"]
        row["participants"] = participants.get(row["_pk"], [])
    return in_order(ids, rows)


# The IRM's process data is stored as `irm_<key>` (irm_development_level, ...).
_PROCESS_STORED = {field.name for field in PlanProcess._meta.get_fields()}
PROCESS_ROW = RowShape.of(
    PlanProcessSerializer,
    computed=("responsible_offices",),
    action_plan="action_plan__ogp_id",
    **{
        name: f"irm_{name}"
        for name in PlanProcessSerializer().fields
        if f"irm_{name}" in _PROCESS_STORED
    },
)


def process_rows(ids: Sequence[Any]) -> list[dict]:
    """Two queries: the process rows, then the responsible offices."""
    offices = _orgs_of(PlanProcess.responsible_organizations, ids)

    def computed(process: dict) -> dict:
        return {"responsible_offices": offices.get(process["_pk"], [])}

    return in_order(ids, PROCESS_ROW.rows(PlanProcess.objects.filter(pk__in=ids), computed))
