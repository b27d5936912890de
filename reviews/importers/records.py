"""What a format module hands to the writer: one parsed row (`CommitmentRecord`, with its member and
assessments), and the commitment and assessment fields the writer compares and writes."""

from __future__ import annotations

from dataclasses import dataclass, field

# --- Records: one parsed row, handed from a format module to the writer ------------------------------


@dataclass(frozen=True)
class MemberSpec:
    code: str
    iso_alpha2: str
    prefix: str
    name: str
    kind: str = "national"
    country: MemberSpec | None = None
    # The prefix is the one OGP's own ids carry (a file with ids), not a guess from ISO.
    prefix_from_ids: bool = False


@dataclass
class AssessmentRecord:
    kind: str  # IRMReport.Kind value
    methodology: str
    publication_year: int | None
    values: dict[str, object]
    source_stars: dict[str, str] = field(default_factory=dict)


@dataclass
class CommitmentRecord:
    row: int
    member: MemberSpec
    plan_number: int
    plan_ogp_id: str
    ogp_id: str | None  # None: the file has no ids; the writer assigns OGP-style ones
    values: dict[str, object]
    lead: list[str] = field(default_factory=list)  # the first leads; the others support
    supporting: list[str] = field(default_factory=list)
    policy_areas: list[str] = field(default_factory=list)
    assessments: list[AssessmentRecord] = field(default_factory=list)
    # (column, message): imported, and reported in the summary with the row and commitment id.
    warnings: list[tuple[str, str]] = field(default_factory=list)
    # Facts about the plan the row belongs to (years, dates), and the OGP page of the commitment.
    plan_values: dict[str, object] = field(default_factory=dict)
    # The row as it arrived: its non-empty cells by column name (kept as a SourceRecord).
    raw: dict[str, str] = field(default_factory=dict)


# --- What the importer writes ----------------------------------------------------------------------

COMMITMENT_FIELDS = (
    "action_plan_id",
    "number",
    "title",
    "short_title",
    "full_text",
    "lead_organization_id",
    "value_access_to_information",
    "value_civic_participation",
    "value_public_accountability",
    "value_technology_innovation",
    "theme",
    "cluster",
    "start_date",
    "start_date_text",
    "end_date",
    "end_date_text",
    "added_after_approval",
    "url",
    "contact_name",
    "contact_email",
    "contact_phone",
    "id_provisional",
    "source_key",
    "search_text",
    "source_file",
    "source_row",
)
# What a format leaves out is written blank: the importer owns these fields.
COMMITMENT_DEFAULTS: dict[str, object] = {
    "number": "",
    "title": "",
    "short_title": "",
    "full_text": "",
    "value_access_to_information": False,
    "value_civic_participation": False,
    "value_public_accountability": False,
    "value_technology_innovation": False,
    "theme": "",
    "cluster": "",
    "start_date": None,
    "start_date_text": "",
    "end_date": None,
    "end_date_text": "",
    "url": "",
    "contact_name": "",
    "contact_email": "",
    "contact_phone": "",
}
# Every field the importer owns on an assessment; a scale the row does not rate is written blank.
ASSESSMENT_DEFAULTS: dict[str, object] = {
    "specificity": "",
    "specificity_label": "",
    "verifiable": None,
    "verifiable_label": "",
    "relevant": None,
    "relevant_access_to_information": None,
    "relevant_civic_participation": None,
    "relevant_public_accountability": None,
    "relevant_technology_innovation": None,
    "potential_impact": "",
    "potential_impact_label": "",
    "potential_for_results": "",
    "potential_for_results_label": "",
    "completion": "",
    "completion_label": "",
    "opened_government": "",
    "opened_government_label": "",
    "early_results": "",
    "early_results_label": "",
}
ASSESSMENT_FIELDS = (
    *ASSESSMENT_DEFAULTS,
    "starred",
    "star_formula",
    "formula_stars",
    "source_stars",
    "source_file",
    "source_row",
)
