"""Build the API's rows as plain dicts from `.values_list()` tuples: a fixed number of queries for
any number of rows, no model instances. Each row is declared by the serializer in
`commitments.api.serializers` that documents it (`RowShape`, `columns_of`); a commitment's related
lists are read in `commitments.api.commitment_links`."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from commitments.figures.counting import completion_by, empty_figures
from commitments.figures.values import CompletionFigures, figures_by_key
from commitments.models import ActionPlan, Commitment, Member, Organization
from commitments.models.vocab import OGP_VALUE_FIELDS
from commitments.outcomes.figures import OutcomeFigures, outcome_figures_by_plan

from .base import RowShape, columns_of, count_of, in_order, values_rows
from .commitment_links import SortedStream, link_streams, links_by_commitment
from .lookups import InIds, PageQuery
from .serializers import (
    ActionPlanSerializer,
    CommitmentSerializer,
    MemberSerializer,
    OrganizationSerializer,
)

# -- members ------------------------------------------------------------------------------------

MEMBER_COLUMNS = columns_of(MemberSerializer, country="country__code")


def member_rows(ids: Sequence[Any]) -> list[dict]:
    """Members by primary key, with their numbers of plans and commitments (one query)."""
    members = Member.objects.filter(InIds("pk", ids)).annotate(
        plan_count=count_of(ActionPlan, "member"),
        commitment_count=count_of(Commitment, "action_plan__member"),
    )
    rows = values_rows(members, MEMBER_COLUMNS)
    for row in rows:
        row["iso_alpha2"] = row["iso_alpha2"] or None
    return in_order(ids, rows)


def _figures_by_group(
    ids: Sequence[Any], field: str, grouping: str, day: datetime.date | None, irm_report: str | None
) -> dict[str, CompletionFigures]:
    """The completion figures of the commitments whose `field` is one of `ids`, per group (one
    query); with `day`, as they stood then."""
    commitments = Commitment.objects.filter(InIds(field, ids))
    return figures_by_key(completion_by(commitments, grouping, day=day, irm_report=irm_report))


# -- action plans -------------------------------------------------------------------------------

PLAN_ROW = RowShape.of(
    ActionPlanSerializer,
    computed=("commitment_count", "completion", "outcomes"),
    member="member__code",
    member_name="member__name",
)


def plan_rows(
    ids: Sequence[Any], *, day: datetime.date | None = None, irm_report: str | None = None
) -> list[dict]:
    """Plans by primary key with their completion figures (two queries: rows, one aggregate);
    with `day`, the figures as they stood then."""
    figures = _figures_by_group(ids, "action_plan_id", "action_plan", day, irm_report)
    # Did it last? (commitments.outcomes.figures): one more query for all the plans.
    outcomes = outcome_figures_by_plan(
        Commitment.objects.filter(InIds("action_plan_id", ids)), day=day
    )
    today = timezone.localdate()

    def computed(plan: dict) -> dict:
        plan_figures = figures.get(plan["ogp_id"]) or empty_figures(irm_report, day)
        return {
            "status": ActionPlan.status_on(
                plan["status"],
                start=plan["start_date"],
                end=plan["end_date"],
                end_year=plan["end_year"],
                submission_year=plan["submission_year"],
                today=today,
            ),
            "commitment_count": plan_figures.commitment_count,
            "completion": plan_figures.as_dict(),
            "outcomes": (outcomes.get(plan["_pk"]) or OutcomeFigures(day or today)).as_dict(),
        }

    return in_order(ids, PLAN_ROW.rows(ActionPlan.objects.filter(InIds("pk", ids)), computed))


def plans_in_order(ids: Sequence[Any]) -> list[ActionPlan]:
    """The plans with these primary keys and their members, in the order of `ids` (one query): for
    the per-plan lists whose rows are computed from the plans themselves."""
    plans = {
        plan.pk: plan for plan in ActionPlan.objects.filter(pk__in=ids).select_related("member")
    }
    return [plans[pk] for pk in ids if pk in plans]


# -- organisations ------------------------------------------------------------------------------

ORGANIZATION_ROW = RowShape.of(
    OrganizationSerializer,
    computed=("led_commitment_count", "completion"),
    id="slug",
    member="member__code",
    parent="parent__slug",
)


def organization_rows(
    ids: Sequence[Any], *, day: datetime.date | None = None, irm_report: str | None = None
) -> list[dict]:
    """Organisations with the figures of the commitments they lead (two queries); with `day`, the
    figures as they stood then."""
    figures = _figures_by_group(ids, "lead_organization_id", "organization", day, irm_report)

    def computed(organization: dict) -> dict:
        led = figures.get(organization["id"]) or empty_figures(irm_report, day)
        return {"led_commitment_count": led.commitment_count, "completion": led.as_dict()}

    organizations = Organization.objects.filter(InIds("pk", ids))
    return in_order(ids, ORGANIZATION_ROW.rows(organizations, computed))


# -- commitments --------------------------------------------------------------------------------

# The stored statuses `track_statuses` reads, in its order (the IRM's level is a column of the row).
TRACK_FIELDS = (
    "self_reported_completion",
    "self_reported_as_of",
    "government_completion",
    "government_as_of",
)

# What names the commitment's plan (ActionPlan.name_of), but its member's name: a key of the row.
PLAN_NAME_PATHS = {
    arg: path
    for arg, path in ActionPlan.name_paths("action_plan__").items()
    if arg != "member_name"
}

COMMITMENT_ROW = RowShape.of(
    CommitmentSerializer,
    computed=(
        "lead_organization",
        "co_lead_organizations",
        "supporting_organizations",
        "ogp_values",
        "policy_areas",
        "civil_society",
        "government",
        "self_reported",
        "tracks_disagree",
        "predecessors",
        "successors",
        "action_plan_name",
    ),
    reads={
        "lead_slug": "lead_organization__slug",
        "lead_name": "lead_organization__name",
        # What names the plan, from the join the ids come by.
        **{f"plan_{arg}": path for arg, path in PLAN_NAME_PATHS.items()},
        **{field: field for field in OGP_VALUE_FIELDS.values()},
        **{field: field for field in TRACK_FIELDS},
    },
    action_plan="action_plan__ogp_id",
    member="action_plan__member__code",
    member_name="action_plan__member__name",
)


def track_statuses(
    civil_level: str,
    civil_as_of: Any,
    government_level: str,
    government_as_of: Any,
    irm_level: str,
) -> dict:
    """A commitment's government and civil-society statuses (with the deprecated `self_reported`
    alias of civil society's) and whether two of the three tracks disagree (the one rule,
    Commitment.tracks_disagree)."""
    civil = {"completion": civil_level or None, "as_of": civil_as_of}
    return {
        "civil_society": civil,
        "government": {"completion": government_level or None, "as_of": government_as_of},
        "self_reported": civil,
        "tracks_disagree": Commitment.levels_disagree(civil_level, government_level, irm_level),
    }


def _commitment_computed(commitment: dict) -> dict:
    lead = commitment["lead_slug"]
    plan = {arg: commitment[f"plan_{arg}"] for arg in PLAN_NAME_PATHS}
    return {
        "action_plan_name": ActionPlan.name_of(member_name=commitment["member_name"], **plan),
        "lead_organization": {"id": lead, "name": commitment["lead_name"]} if lead else None,
        "ogp_values": [value for value, field in OGP_VALUE_FIELDS.items() if commitment[field]],
        **track_statuses(
            *(commitment[field] for field in TRACK_FIELDS), commitment["irm_completion"]
        ),
        "irm_completion": commitment["irm_completion"] or None,
    }


def commitment_row(
    found: Sequence[Any],
    supporting: list,
    areas: list,
    co_leads: list | None = None,
    predecessors: list | None = None,
    successors: list | None = None,
) -> dict:
    """One commitment row from a `COMMITMENT_ROW.paths` tuple and its related lists."""
    row = COMMITMENT_ROW.row(found, _commitment_computed)
    row["co_lead_organizations"] = co_leads or []
    row["supporting_organizations"] = supporting
    row["policy_areas"] = areas
    row["predecessors"] = predecessors or []
    row["successors"] = successors or []
    return row


COMMITMENTS_PAGE = PageQuery(
    lambda ids: Commitment.objects.filter(InIds("pk", ids)).values_list(*COMMITMENT_ROW.paths)
)


def commitment_rows(
    ids: Sequence[Any], extras: Mapping[str, Mapping[Any, Any]] | None = None
) -> list[dict]:
    """Commitments by primary key with organisations and policy areas (three queries), plus
    `extras`: {row key: {commitment pk: value}} computed by the caller for the same ids."""
    if not ids:
        return []
    tuples = COMMITMENTS_PAGE.rows(ids)
    links = links_by_commitment(ids)
    extras = extras or {}
    page = []
    for values in tuples:
        pk = values[0]
        row = commitment_row(values, **{name: found.get(pk, []) for name, found in links.items()})
        for key, by_pk in extras.items():
            row[key] = by_pk.get(pk)
        page.append(row)
    return in_order(ids, page)


def stream_commitment_rows(
    queryset: QuerySet,
    extras: Mapping[str, Iterable[tuple[Any, Any]]],
    *,
    chunk_size: int = 2000,
) -> Iterator[dict]:
    """Every commitment of `queryset` (ordered by pk) as a row, streamed: the commitments and
    each related list are read by cursors in pk order and merged, so memory stays flat."""
    ids = queryset.values("pk")
    commitments = queryset.order_by("pk").values_list(*COMMITMENT_ROW.paths)
    links = link_streams(ids, chunk_size)
    extra_streams = {key: SortedStream(pairs) for key, pairs in extras.items()}
    for values in commitments.iterator(chunk_size=chunk_size):
        pk = values[0]
        row = commitment_row(values, **{name: stream.take(pk) for name, stream in links.items()})
        del row["_pk"]
        for key, stream in extra_streams.items():
            found = stream.take(pk)
            row[key] = found[0] if found else None
        yield row
