"""The tables of a data release, declared once: `releases.schema` makes each one's CSV and Table
Schema (the data dictionary) from it, and `releases.loader` reads it back with it.

A column names a model field by its `values()` path (`member__code`): its type and description come
from that field (help text, else the API's description of the same name, else the verbose name), so
the dictionary never drifts from the models. A path through a foreign key is that table's foreign key
to the table of the related model.

Only what the public pages and API show: published IRM reports and their assessments (never a draft),
no contact people, emails or telephones, no user names or logins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commitments.models import (
    ActionPlan,
    Commitment,
    Indicator,
    IndicatorReading,
    Member,
    Milestone,
    Organization,
    PolicyArea,
    StatusEvidence,
    StatusUpdate,
)
from reviews.models import Assessment, IRMReport

IRM_ATTRIBUTION = "Open Government Partnership / Independent Reporting Mechanism"
IRM_SOURCE = {"title": IRM_ATTRIBUTION, "path": "https://www.opengovpartnership.org/irm/"}
BOOLEAN = {"trueValues": ["true"], "falseValues": ["false"]}


@dataclass(frozen=True)
class Column:
    name: str
    path: str  # values() path on the table's model
    description: Any = None  # overrides the model's text
    type: str | None = None  # overrides the type read from the model field
    enum: tuple[str, ...] = ()  # the values allowed, where the model does not say


@dataclass(frozen=True)
class Table:
    name: str
    model: type[models.Model]
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    title: Any
    queryset: Callable[[], models.QuerySet]
    irm: bool = False  # IRM data: carries the OGP / IRM attribution
    rows: Callable[[], Iterable[tuple]] | None = None  # instead of queryset().values_list(paths)
    foreign_keys: tuple[tuple[str, str, str], ...] = field(default=())  # column, table, column


def _c(name: str, path: str | None = None, **kwargs: Any) -> Column:
    return Column(name, path or name, **kwargs)


ORGANIZATION_ROLES = ("co_lead", "supporting", "monitoring")


def _through_rows() -> Iterator[tuple]:
    """Each organisation a commitment names beyond its lead, with its role."""
    for role, relation in (
        ("co_lead", Commitment.co_lead_organizations),
        ("supporting", Commitment.supporting_organizations),
        ("monitoring", Commitment.monitoring_organizations),
    ):
        through = relation.through.objects.order_by("commitment__ogp_id", "organization__slug")
        for commitment, organization in through.values_list(
            "commitment__ogp_id", "organization__slug"
        ):
            yield commitment, organization, role


def _policy_area_rows() -> Iterator[tuple]:
    through = Commitment.policy_areas.through.objects.order_by(
        "commitment__ogp_id", "policyarea__slug"
    )
    yield from through.values_list("commitment__ogp_id", "policyarea__slug")


def _evidence_rows() -> Iterator[tuple]:
    # An uploaded file is given by its public address on this site; the file itself stays there.
    base = settings.SITE_URL
    for pk, update, url, file, content_type, size in StatusEvidence.objects.order_by(
        "pk"
    ).values_list("pk", "status_update_id", "url", "file", "content_type", "size"):
        file_url = f"{base}{reverse('commitments:evidence', args=[pk])}" if file else ""
        yield pk, update, url, file_url, content_type, size


TABLES: tuple[Table, ...] = (
    Table(
        "members",
        Member,
        (
            _c("code"),
            _c("iso_alpha2"),
            _c("commitment_prefix"),
            _c("name"),
            _c("kind"),
            _c("country", "country__code"),
            _c("joined_on"),
        ),
        primary_key=("code",),
        foreign_keys=(("country", "members", "code"),),
        title=_("OGP members"),
        queryset=lambda: Member.objects.order_by("code"),
    ),
    Table(
        "organizations",
        Organization,
        (
            _c("slug", description=_("Identifier of the organisation in this tracker.")),
            _c("name"),
            _c("acronym"),
            _c("kind"),
            _c("parent", "parent__slug"),
            _c("member", "member__code"),
            _c("website"),
        ),
        primary_key=("slug",),
        foreign_keys=(("parent", "organizations", "slug"), ("member", "members", "code")),
        title=_("Organisations"),
        queryset=lambda: Organization.objects.order_by("slug"),
    ),
    Table(
        "policy_areas",
        PolicyArea,
        (_c("slug", description=_("Identifier of the policy area.")), _c("name")),
        primary_key=("slug",),
        title=_("Policy areas"),
        queryset=lambda: PolicyArea.objects.order_by("slug"),
    ),
    Table(
        "action_plans",
        ActionPlan,
        (
            _c("ogp_id"),
            _c("member", "member__code"),
            _c("number"),
            _c("title"),
            _c("start_date"),
            _c("end_date"),
            _c("submission_year"),
            _c("end_year"),
            _c("approval_date"),
            _c("approval_instrument"),
            _c(
                "status",
                description=_(
                    "Status as recorded; the pages read it with the plan's dates (a plan whose "
                    "end has passed has ended; with no end on record, four years after the year "
                    "of submission)."
                ),
            ),
            _c("url"),
            _c("updated_at"),
        ),
        primary_key=("ogp_id",),
        foreign_keys=(("member", "members", "code"),),
        title=_("Action plans"),
        queryset=lambda: ActionPlan.objects.order_by("ogp_id"),
    ),
    Table(
        "commitments",
        Commitment,
        (
            _c("ogp_id"),
            _c("id_provisional"),
            _c("action_plan", "action_plan__ogp_id"),
            _c("number"),
            _c("title"),
            _c("short_title"),
            _c("full_text"),
            _c("lead_organization", "lead_organization__slug"),
            _c("value_access_to_information"),
            _c("value_civic_participation"),
            _c("value_public_accountability"),
            _c("value_technology_innovation"),
            _c("theme"),
            _c("cluster"),
            _c("start_date"),
            _c("start_date_text"),
            _c("end_date"),
            _c("end_date_text"),
            _c("added_after_approval"),
            _c(
                "government_completion",
                description=_(
                    "Completion in the government's latest self-assessment (a status update by "
                    "a responsible official of a lead organisation), or empty."
                ),
            ),
            _c("government_as_of"),
            _c(
                "civil_society_completion",
                "self_reported_completion",
                description=_("Completion in civil society's latest status update, or empty."),
            ),
            _c("civil_society_as_of", "self_reported_as_of"),
            _c(
                "self_reported_completion",
                description=_(
                    "Deprecated alias of civil_society_completion, kept for one release."
                ),
            ),
            _c("self_reported_as_of"),
            _c("irm_completion"),
            _c("irm_starred"),
            _c("url"),
            _c("source_file"),
            _c("source_row"),
            _c("created_at"),
            _c("updated_at"),
        ),
        primary_key=("ogp_id",),
        foreign_keys=(
            ("action_plan", "action_plans", "ogp_id"),
            ("lead_organization", "organizations", "slug"),
        ),
        title=_("Commitments"),
        queryset=lambda: Commitment.objects.order_by("ogp_id"),
        irm=True,
    ),
    Table(
        "commitment_organizations",
        Commitment,
        (
            _c("commitment", "ogp_id", description=_("OGP id of the commitment.")),
            _c(
                "organization",
                "supporting_organizations__slug",
                description=_("The organisation (its identifier in organizations)."),
            ),
            _c(
                "role",
                "",
                type="string",
                enum=ORGANIZATION_ROLES,
                description=_(
                    "co_lead: leads the commitment too; supporting: involved; monitoring: a "
                    "civil-society organisation assigned to monitor it."
                ),
            ),
        ),
        primary_key=("commitment", "organization", "role"),
        foreign_keys=(
            ("commitment", "commitments", "ogp_id"),
            ("organization", "organizations", "slug"),
        ),
        title=_("Organisations named by commitments, besides the lead"),
        queryset=Commitment.objects.none,
        rows=_through_rows,
    ),
    Table(
        "commitment_policy_areas",
        Commitment,
        (
            _c("commitment", "ogp_id", description=_("OGP id of the commitment.")),
            _c("policy_area", "policy_areas__slug", description=_("The policy area.")),
        ),
        primary_key=("commitment", "policy_area"),
        foreign_keys=(
            ("commitment", "commitments", "ogp_id"),
            ("policy_area", "policy_areas", "slug"),
        ),
        title=_("Policy areas of commitments"),
        queryset=Commitment.objects.none,
        rows=_policy_area_rows,
    ),
    Table(
        "milestones",
        Milestone,
        (
            _c("id"),
            _c("commitment", "commitment__ogp_id"),
            _c("title"),
            _c("due_date"),
            _c("status"),
            _c("met_on"),
            _c("is_overdue"),
            _c("updated_at"),
        ),
        primary_key=("id",),
        foreign_keys=(("commitment", "commitments", "ogp_id"),),
        title=_("Milestones"),
        queryset=lambda: Milestone.objects.order_by("pk"),
    ),
    Table(
        "indicators",
        Indicator,
        (
            _c("id"),
            _c("commitment", "commitment__ogp_id"),
            _c("milestone", "milestone_id"),
            _c("name"),
            _c("unit"),
            _c("baseline_value"),
            _c("baseline_date"),
            _c("target_value"),
            _c("target_date"),
            _c("data_source"),
            _c("method"),
            _c("frequency"),
            _c("reported_by", "reported_by__slug"),
            _c("updated_at"),
        ),
        primary_key=("id",),
        foreign_keys=(
            ("commitment", "commitments", "ogp_id"),
            ("milestone", "milestones", "id"),
            ("reported_by", "organizations", "slug"),
        ),
        title=_("Indicators"),
        queryset=lambda: Indicator.objects.order_by("pk"),
    ),
    Table(
        "indicator_readings",
        IndicatorReading,
        (
            _c("id"),
            _c("indicator", "indicator_id"),
            _c("value"),
            _c("as_of"),
            _c("evidence_url"),
            _c("note"),
            _c("author_organization", "author_organization__slug"),
            _c("corrects", "corrects_id"),
            _c("recorded_at"),
        ),
        primary_key=("id",),
        foreign_keys=(
            ("indicator", "indicators", "id"),
            ("author_organization", "organizations", "slug"),
            ("corrects", "indicator_readings", "id"),
        ),
        title=_("Indicator readings"),
        queryset=lambda: IndicatorReading.objects.order_by("pk"),
    ),
    Table(
        "irm_reports",
        IRMReport,
        (
            _c("id"),
            _c("action_plan", "action_plan__ogp_id"),
            _c("kind"),
            _c("methodology"),
            _c("title"),
            _c("published_on"),
            _c("publication_year"),
            _c("url"),
        ),
        primary_key=("id",),
        foreign_keys=(("action_plan", "action_plans", "ogp_id"),),
        title=_("Published IRM reports"),
        queryset=lambda: IRMReport.objects.published().order_by("pk"),
        irm=True,
    ),
    Table(
        "assessments",
        Assessment,
        (
            _c("report", "report_id", description=_("The IRM report (its id in irm_reports).")),
            _c("commitment", "commitment__ogp_id"),
            _c("specificity"),
            _c("verifiable"),
            _c("relevant"),
            _c("relevant_access_to_information"),
            _c("relevant_civic_participation"),
            _c("relevant_public_accountability"),
            _c("relevant_technology_innovation"),
            _c("open_government_lens"),
            _c("potential_impact"),
            _c("potential_for_results"),
            _c("promising"),
            _c("completion"),
            _c("opened_government"),
            _c("early_results"),
            _c("starred"),
            _c("star_formula"),
            _c("narrative"),
            _c("sources"),
        ),
        primary_key=("report", "commitment"),
        foreign_keys=(
            ("report", "irm_reports", "id"),
            ("commitment", "commitments", "ogp_id"),
        ),
        title=_("IRM assessments in published reports"),
        queryset=lambda: Assessment.objects.published().order_by("report_id", "commitment_id"),
        irm=True,
    ),
    Table(
        "status_updates",
        StatusUpdate,
        (
            _c("id"),
            _c("commitment", "commitment__ogp_id"),
            _c("completion"),
            _c("note"),
            _c("as_of"),
            _c("author_organization", "author_organization__slug"),
            _c("corrects", "corrects_id"),
            _c("recorded_at"),
        ),
        primary_key=("id",),
        foreign_keys=(
            ("commitment", "commitments", "ogp_id"),
            ("author_organization", "organizations", "slug"),
            ("corrects", "status_updates", "id"),
        ),
        title=_("Civil society's status updates"),
        queryset=lambda: StatusUpdate.objects.order_by("pk"),
    ),
    Table(
        "evidence",
        StatusEvidence,
        (
            _c("id", description=_("Identifier.")),
            _c("status_update", "status_update_id", description=_("The status update it backs.")),
            _c("url"),
            _c(
                "file_url",
                "",
                type="string",
                description=_("Address of an uploaded file on this site, or empty."),
            ),
            _c("content_type"),
            _c("size"),
        ),
        primary_key=("id",),
        foreign_keys=(("status_update", "status_updates", "id"),),
        title=_("Evidence backing status updates"),
        queryset=StatusEvidence.objects.none,
        rows=_evidence_rows,
    ),
)

TABLES_BY_NAME = {table.name: table for table in TABLES}
