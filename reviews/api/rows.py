"""IRM rows of the public API as plain dicts from `.values_list()` (see commitments.api.rows)."""

from __future__ import annotations

import datetime
import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from django.db.models import F, QuerySet

from commitments.api.lookups import InIds, PageQuery
from commitments.models import StatusEvidence, StatusUpdate, link_state
from reviews.figures import counted_on
from reviews.models import Assessment
from reviews.stars import FORMULAS

# (row key, values path); keys with a dot are nested ("report.kind" -> row["report"]["kind"]).
SUMMARY_FIELDS: tuple[tuple[str, str], ...] = (
    ("id", "pk"),
    ("report.id", "report_id"),
    ("report.kind", "report__kind"),
    ("report.methodology", "report__methodology"),
    ("report.title", "report__title"),
    ("report.published_on", "report__published_on"),
    ("report.publication_year", "report__publication_year"),
    ("report.url", "report__url"),
    ("specificity", "specificity"),
    ("specificity_label", "specificity_label"),
    ("verifiable", "verifiable"),
    ("relevant_access_to_information", "relevant_access_to_information"),
    ("relevant_civic_participation", "relevant_civic_participation"),
    ("relevant_public_accountability", "relevant_public_accountability"),
    ("relevant_technology_innovation", "relevant_technology_innovation"),
    ("open_government_lens", "open_government_lens"),
    ("potential_impact", "potential_impact"),
    ("potential_impact_label", "potential_impact_label"),
    ("potential_for_results", "potential_for_results"),
    ("potential_for_results_label", "potential_for_results_label"),
    ("promising", "promising"),
    ("completion", "completion"),
    ("completion_label", "completion_label"),
    ("opened_government", "opened_government"),
    ("opened_government_label", "opened_government_label"),
    ("early_results", "early_results"),
    ("early_results_label", "early_results_label"),
    ("starred", "starred"),
    ("star_formula", "star_formula"),
    ("formula_stars", "formula_stars"),
    ("updated_at", "updated_at"),
)
FULL_FIELDS: tuple[tuple[str, str], ...] = (
    *SUMMARY_FIELDS,
    ("commitment", "commitment__ogp_id"),
    ("action_plan", "report__action_plan__ogp_id"),
    ("member", "report__action_plan__member__code"),
    ("narrative", "narrative"),
    ("sources", "sources"),
)
# Scales stored as "" when not rated: given as null.
NULL_WHEN_BLANK = frozenset(
    {
        "specificity",
        "potential_impact",
        "potential_for_results",
        "completion",
        "opened_government",
        "early_results",
        "star_formula",
    }
)


def _every_formula(stars: dict | str | None) -> dict[str, bool | None]:
    """The star under each formula, every formula named (null where not computed: a 2021 review)."""
    if isinstance(stars, str):  # PostgreSQL gives jsonb as text through the page's raw query
        stars = json.loads(stars)
    return {formula: (stars or {}).get(formula) for formula in FORMULAS}


# Values given in a fixed shape whatever is stored.
SHAPED = {"formula_stars": _every_formula}


def _builder(fields: tuple[tuple[str, str], ...]) -> Any:
    """A function that turns a values tuple into a row, nested keys and blank scales resolved once."""
    plan = []
    for key, _ in fields:
        parent, _, child = key.rpartition(".")
        plan.append((parent or None, child, key in NULL_WHEN_BLANK, SHAPED.get(key)))

    def build(values: Sequence[Any]) -> dict:
        row: dict[str, Any] = {}
        for (parent, key, blank_is_null, shape), value in zip(plan, values, strict=True):
            if blank_is_null and value == "":
                value = None
            if shape is not None:
                value = shape(value)
            if parent is None:
                row[key] = value
            else:
                row.setdefault(parent, {})[key] = value
        return row

    return build


summary_row = _builder(SUMMARY_FIELDS)
full_row = _builder(FULL_FIELDS)
SUMMARY_PATHS = [path for _, path in SUMMARY_FIELDS]
FULL_PATHS = [path for _, path in FULL_FIELDS]


def latest_first_by_commitment(assessments: QuerySet) -> QuerySet:
    """Ordered by commitment, then latest first by the model's own `latest_first()` rule."""
    latest = assessments.latest_first()
    return latest.order_by("commitment_id", *latest.query.order_by)


def oldest_first(assessments: QuerySet) -> QuerySet:
    return assessments.order_by(
        F("report__published_on").asc(nulls_first=True),
        F("report__publication_year").asc(nulls_first=True),
        "pk",
    )


LATEST_PAGE = PageQuery(
    lambda ids: latest_first_by_commitment(
        Assessment.objects.published().filter(InIds("commitment_id", ids))
    ).values_list("commitment_id", *SUMMARY_PATHS)
)


def latest_assessments(
    commitment_ids: Sequence[Any],
    *,
    day: datetime.date | None = None,
    irm_report: str | None = None,
) -> dict[Any, dict]:
    """{commitment pk: its latest published assessment} for a page of commitments (one query);
    with `day` or `irm_report`, the latest that counted on that day on that IRM basis."""
    latest: dict[Any, dict] = {}
    if day is None and irm_report is None:
        found = LATEST_PAGE.rows(commitment_ids)
    else:
        counted = counted_on(
            Assessment.objects.published().filter(commitment_id__in=list(commitment_ids)),
            day,
            irm_report or "latest",
        )
        found = latest_first_by_commitment(counted).values_list("commitment_id", *SUMMARY_PATHS)
    for values in found:
        if values[0] not in latest:
            latest[values[0]] = summary_row(values[1:])
    return latest


def stream_latest_assessments(
    commitments: QuerySet,
    chunk_size: int = 2000,
    *,
    day: datetime.date | None = None,
    irm_report: str | None = None,
) -> Iterator[tuple[Any, dict]]:
    """(commitment pk, latest published assessment) in commitment pk order, read by a cursor; with
    `day` or `irm_report`, the latest that counted on that day on that IRM basis."""
    previous = None
    published = Assessment.objects.published().filter(commitment_id__in=commitments.values("pk"))
    for values in (
        latest_first_by_commitment(counted_on(published, day, irm_report or "latest"))
        .values_list("commitment_id", *SUMMARY_PATHS)
        .iterator(chunk_size=chunk_size)
    ):
        if values[0] != previous:
            previous = values[0]
            yield values[0], summary_row(values[1:])


def history(commitment_id: Any) -> dict[str, list[dict]]:
    """Status updates of both voices (the government's and civil society's) with evidence, and
    published assessments, oldest first (three queries)."""
    updates = list(
        StatusUpdate.objects.filter(commitment_id=commitment_id)
        .order_by("as_of", "recorded_at", "pk")
        .values_list(
            "pk",
            "voice",
            "completion",
            "as_of",
            "note",
            "author_organization__slug",
            "author_organization__name",
            "corrects_id",
            "recorded_at",
        )
    )
    evidence: dict[Any, list[dict]] = defaultdict(list)
    for (
        pk,
        update_id,
        url,
        file,
        name,
        content_type,
        size,
        checked_at,
        unreachable_since,
        broken_since,
        changed_at,
    ) in (
        StatusEvidence.objects.filter(status_update__commitment_id=commitment_id)
        .order_by("pk")
        .values_list(
            "pk",
            "status_update_id",
            "url",
            "file",
            "original_name",
            "content_type",
            "size",
            # The link's last check (commitments.evidence.link_checks), joined in the same query.
            "link_check__checked_at",
            "link_check__unreachable_since",
            "link_check__broken_since",
            "link_check__changed_at",
        )
    ):
        evidence[update_id].append(
            {
                "url": url,
                "file_url": StatusEvidence.file_address(pk) if file else None,
                "file_name": name,
                "content_type": content_type,
                "size": size,
                "checked_at": checked_at,
                "link_state": link_state(checked_at, unreachable_since, broken_since)
                if url
                else None,
                "unreachable_since": unreachable_since,
                "broken_since": broken_since,
                "changed_since_posted": changed_at is not None,
            }
        )
    assessments = oldest_first(
        Assessment.objects.published().filter(commitment_id=commitment_id)
    ).values_list(*FULL_PATHS)
    return {
        "status_updates": [
            {
                "id": pk,
                "voice": voice,
                "completion": completion,
                "as_of": as_of,
                "note": note,
                "author_organization": {"id": org_slug, "name": org_name} if org_slug else None,
                "corrects": corrects,
                "recorded_at": recorded_at,
                "evidence": evidence.get(pk, []),
            }
            for pk, voice, completion, as_of, note, org_slug, org_name, corrects, recorded_at in (
                updates
            )
        ],
        "assessments": [full_row(values) for values in assessments],
    }


def assessment_rows(ids: Sequence[Any]) -> list[dict]:
    """Published assessments by primary key, in the same order (one query)."""
    by_pk = {
        values[0]: full_row(values)
        for values in Assessment.objects.filter(InIds("pk", ids)).values_list(*FULL_PATHS)
    }
    return [by_pk[pk] for pk in ids if pk in by_pk]
