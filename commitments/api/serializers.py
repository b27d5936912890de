"""Descriptions of the rows the public API returns: the OpenAPI schema and the CSV columns.

These serializers never build a response (the views build plain dicts from `.values_list()`, see
`commitments.api.base`), but they declare the rows: `columns_of` and `RowShape` in
`commitments.api.base` read each row's keys, their order and their lookups from them.
Writes are not part of the public API; a future write endpoint gets its own ModelSerializer.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commitments.models import ActionPlan, CompletionLevel, Member, OGPValue, Organization
from commitments.models.vocab import FIGURE_KEYS

from ..outcomes.api.serializers import OutcomeFiguresSerializer

COMPLETION_CHOICES = CompletionLevel.choices

# Descriptions of fields that mean the same wherever they appear (schema documentation only).
DESCRIPTIONS = {
    "name": _("Name, as the OGP or the organisation writes it."),
    "title": _("Title, as published."),
    "short_title": _("Short title, as published (may be empty)."),
    "full_text": _("The full text of the commitment, as published (may be empty)."),
    "kind": _("Kind (see the enumeration)."),
    "status": _("Status of the plan."),
    "number": _("Number (of the plan for the member, or of the commitment in its plan)."),
    "member_name": _("Name of the plan's member."),
    "start_date": _("Start date (ISO 8601), null when unknown or not a date."),
    "end_date": _("End date (ISO 8601), null when unknown or not a date."),
    "approval_date": _("Date the plan was approved, null when unknown."),
    "joined_on": _("Date the member joined OGP, null when unknown."),
    "commitment_count": _("Number of commitments in the group (the rates' denominator)."),
    "led_commitment_count": _("Number of commitments this organisation leads."),
    "completion": _("Completion level, or the completion figures of a group of commitments."),
    "acronym": _("Acronym, or empty."),
    "website": _("Website, or empty."),
    "updated_at": _("When the record last changed (ISO 8601, UTC)."),
    "created_at": _("When the record was created (ISO 8601, UTC)."),
    "lead_organization": _("The organisation responsible, or null."),
    "supporting_organizations": _("Other organisations involved, by name."),
    "ogp_values": _("OGP values the commitment is relevant to."),
    "policy_areas": _("Policy areas, by name."),
    "theme": _("Theme, as published (may be empty)."),
    "cluster": _("IRM cluster, as published (may be empty)."),
    "added_after_approval": _("Added to the plan after its approval."),
    "irm_starred": _("Starred in the latest published IRM assessment that rates completion."),
    "source_row": _("Row in the source file, or null."),
    "as_of": _("Date the status applies to."),
    "id": _("Identifier."),
    "label": _("Human-readable name of the group."),
    "denominator_rule": _("How the rates' denominators are made."),
    "group_by": _("How the commitments were grouped."),
    "results": _("One entry per group."),
    "note": _("What changed, as written by the reporter."),
    "recorded_at": _("When the update was recorded (ISO 8601, UTC)."),
    "evidence": _("Links and files backing the update."),
    "author_organization": _("The reporter's organisation, or null."),
    "commitment": _("OGP id of the commitment."),
    "report": _("The IRM report the assessment belongs to."),
    "methodology": _("IRM methodology of the report."),
    "published_on": _("Publication date, or null."),
    "publication_year": _("Publication year when only the year is known, or null."),
    "url": _("Link, or empty."),
    "verifiable": _("Verifiable, as the IRM judged (null when not assessed)."),
    "relevant_access_to_information": _("Relevant to access to information (null: not assessed)."),
    "relevant_civic_participation": _("Relevant to civic participation (null: not assessed)."),
    "relevant_public_accountability": _("Relevant to public accountability (null: not assessed)."),
    "relevant_technology_innovation": _(
        "Relevant to technology and innovation (null: not assessed)."
    ),
    "open_government_lens": _("Has an open government lens (null: not assessed)."),
    "promising": _("Singled out as promising (2021 methodology; null: not assessed)."),
    "narrative": _("The IRM's narrative."),
    "sources": _("The IRM's sources."),
    "content_type": _("Media type of an uploaded file, or empty."),
    "size": _("Size in bytes of an uploaded file, or null."),
}


class DescribedSerializer(serializers.Serializer):
    # Fills in the description of every field that has none from DESCRIPTIONS. (A comment, not a
    # docstring: the API docs would show a serializer's docstring, untranslated, as its object's
    # description, and every subclass's.)

    def get_fields(self) -> dict:
        fields = super().get_fields()
        for name, field in fields.items():
            if not getattr(field, "help_text", None) and name in DESCRIPTIONS:
                field.help_text = DESCRIPTIONS[name]
        return fields


class RateSerializer(DescribedSerializer):
    numerator = serializers.IntegerField(help_text=_("Commitments counted by the rate."))
    denominator = serializers.IntegerField(help_text=_("All commitments in the group."))


class TrackFiguresSerializer(DescribedSerializer):
    complete_rate = RateSerializer(help_text=_("complete ÷ all commitments."))
    high_completion_rate = RateSerializer(
        help_text=_("(substantial + complete) ÷ all commitments.")
    )

    def get_fields(self) -> dict:
        counts = {
            str(key): serializers.IntegerField(
                help_text=_("Commitments at this level (no_data: not yet rated or reported).")
            )
            for key in FIGURE_KEYS
        }
        return {**counts, **super().get_fields()}


class CommitmentBasisSerializer(DescribedSerializer):
    # The IRM report one commitment's IRM level comes from (commitment list with as_of).

    kind = serializers.CharField(help_text=_("The IRM report's kind (progress, end_of_term…)."))
    published_on = serializers.DateField(
        allow_null=True, help_text=_("Its publication date, when known.")
    )
    publication_year = serializers.IntegerField(
        allow_null=True, help_text=_("Its publication year, when only the year is known.")
    )
    counts_from = serializers.DateField(
        allow_null=True,
        help_text=_(
            "The day its ratings count from: its publication date, or for a report known only by "
            "its year, that year's last day (year_only)."
        ),
    )
    year_only = serializers.BooleanField(
        help_text=_("Known only by its publication year: counted from that year's last day.")
    )


class BasisReportSerializer(CommitmentBasisSerializer):
    # An IRM report that IRM levels come from, and how many commitments' levels.

    commitment_count = serializers.IntegerField(
        help_text=_("Commitments whose IRM level comes from this report.")
    )


class IrmBasisSerializer(DescribedSerializer):
    report = serializers.ChoiceField(
        choices=["latest", "progress", "end_of_term"], help_text=_("The basis asked for.")
    )
    description = serializers.CharField(help_text=_("The basis, in words."))
    reports = BasisReportSerializer(
        many=True, help_text=_("Each IRM report counted, oldest first, with how many it rates.")
    )


class CompletionSerializer(DescribedSerializer):
    irm = TrackFiguresSerializer(help_text=_("From the latest published IRM assessments."))
    irm_basis = IrmBasisSerializer(
        required=False,
        help_text=_(
            "Which IRM reports the IRM counts come from: the basis asked for (latest by "
            "default) and each report counted, today's figures included."
        ),
    )
    civil_society = TrackFiguresSerializer(
        help_text=_("From the latest civil-society status updates.")
    )
    government = TrackFiguresSerializer(
        help_text=_(
            "The government's self-assessment: the latest status updates by responsible officials "
            "of the lead organisations."
        )
    )
    self_reported = TrackFiguresSerializer(
        help_text=_("Deprecated alias of civil_society, kept for one release.")
    )
    denominator_rule = serializers.CharField(help_text=_("How the denominators are made."))


class NamedRefSerializer(DescribedSerializer):
    id = serializers.CharField(help_text=_("Stable slug."))
    name = serializers.CharField()


class MemberSerializer(DescribedSerializer):
    code = serializers.CharField(help_text=_("OGP code: ISO alpha-3 for a nation (PER)."))
    iso_alpha2 = serializers.CharField(allow_null=True, help_text=_("ISO alpha-2 (PE)."))
    commitment_prefix = serializers.CharField(help_text=_("Starts its commitment ids (PE)."))
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=Member.Kind.choices)
    country = serializers.CharField(
        allow_null=True, help_text=_("For a local member: its nation's OGP code.")
    )
    joined_on = serializers.DateField(allow_null=True)
    plan_count = serializers.IntegerField(help_text=_("Number of action plans."))
    commitment_count = serializers.IntegerField(
        help_text=_("Number of commitments in its action plans.")
    )
    updated_at = serializers.DateTimeField()


class ActionPlanSerializer(DescribedSerializer):
    ogp_id = serializers.CharField(help_text=_("AP_ + member code + number: AP_PER01."))
    member = serializers.CharField(help_text=_("The member's OGP code."))
    member_name = serializers.CharField()
    number = serializers.IntegerField()
    title = serializers.CharField()
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)
    submission_year = serializers.IntegerField(
        allow_null=True, help_text=_("Year the plan was submitted to OGP, null when unknown.")
    )
    end_year = serializers.IntegerField(
        allow_null=True, help_text=_("Year the plan ends, null when unknown.")
    )
    approval_date = serializers.DateField(allow_null=True)
    approval_instrument = serializers.CharField(help_text=_("As written."))
    status = serializers.ChoiceField(
        choices=ActionPlan.Status.choices,
        help_text=_("From the plan's dates and today: a plan whose end has passed has ended."),
    )
    url = serializers.CharField(help_text=_("Link to the plan, or empty."))
    commitment_count = serializers.IntegerField()
    completion = CompletionSerializer()
    outcomes = OutcomeFiguresSerializer(
        help_text=_("Did it last? Completed commitments still in force and applied.")
    )
    updated_at = serializers.DateTimeField()


# The start of a row of a list with one row per plan computed from the plan (views.PerPlanViewSet:
# the integrity warnings, the minimum requirements). A comment, not a docstring: a serializer's
# docstring becomes the description of its subclasses in the schema.
class PlanRowSerializer(serializers.Serializer):
    action_plan = serializers.CharField(help_text=_("OGP id of the plan."))
    member = serializers.CharField(help_text=_("OGP code of the member."))


class OrganizationSerializer(DescribedSerializer):
    id = serializers.CharField(help_text=_("Stable slug, used in URLs and filters."))
    name = serializers.CharField()
    acronym = serializers.CharField()
    kind = serializers.ChoiceField(choices=Organization.Kind.choices)
    member = serializers.CharField(allow_null=True, help_text=_("OGP code of its member."))
    parent = serializers.CharField(allow_null=True, help_text=_("Slug of the parent body."))
    website = serializers.CharField()
    led_commitment_count = serializers.IntegerField()
    completion = CompletionSerializer(help_text=_("Figures of the commitments it leads."))
    updated_at = serializers.DateTimeField()


class SelfReportedSerializer(DescribedSerializer):
    completion = serializers.ChoiceField(
        choices=COMPLETION_CHOICES, allow_null=True, help_text=_("Null when nobody reported.")
    )
    as_of = serializers.DateField(allow_null=True)


class CommitmentSerializer(DescribedSerializer):
    ogp_id = serializers.CharField(
        help_text=_("OGP's id: the member's prefix as OGP writes it and a number (PE0008, UK0012).")
    )
    id_provisional = serializers.BooleanField(
        help_text=_(
            "The source had no OGP id (PE-P0008): a provisional id, replaced by OGP's own when a "
            "file with ids is reconciled; the old address then redirects."
        )
    )
    url = serializers.CharField(help_text=_("The commitment's page on OGP's site, when known."))
    action_plan = serializers.CharField(help_text=_("OGP id of its plan."))
    action_plan_name = serializers.CharField(
        help_text=_(
            "Its plan's name: the title, or for a plan published without one its member, number "
            "and years, e.g. Peru · plan 1 (2012-2014)."
        )
    )
    member = serializers.CharField(help_text=_("OGP code of its member."))
    member_name = serializers.CharField(help_text=_("Name of its member, as OGP writes it."))
    number = serializers.CharField(help_text=_("Number in the plan, as written."))
    title = serializers.CharField()
    short_title = serializers.CharField()
    full_text = serializers.CharField()
    lead_organization = NamedRefSerializer(allow_null=True)
    co_lead_organizations = NamedRefSerializer(
        many=True, help_text=_("Other institutions the source names as leading it too.")
    )
    supporting_organizations = NamedRefSerializer(many=True)
    ogp_values = serializers.ListField(child=serializers.ChoiceField(choices=OGPValue.choices))
    policy_areas = NamedRefSerializer(many=True)
    theme = serializers.CharField()
    cluster = serializers.CharField()
    start_date = serializers.DateField(allow_null=True)
    start_date_text = serializers.CharField(help_text=_("The start date as written."))
    end_date = serializers.DateField(allow_null=True)
    end_date_text = serializers.CharField(help_text=_("The end date as written."))
    added_after_approval = serializers.BooleanField()
    civil_society = SelfReportedSerializer(help_text=_("Current civil-society status."))
    government = SelfReportedSerializer(
        help_text=_("The government's current self-assessment, by a responsible official.")
    )
    self_reported = SelfReportedSerializer(
        help_text=_("Deprecated alias of civil_society, kept for one release.")
    )
    tracks_disagree = serializers.BooleanField(
        help_text=_(
            "Two of the three tracks disagree: one says substantial or complete, another not "
            "started or limited."
        )
    )
    irm_completion = serializers.ChoiceField(
        choices=COMPLETION_CHOICES,
        allow_null=True,
        help_text=_("Completion from the latest published IRM assessment that rates it."),
    )
    irm_starred = serializers.BooleanField()
    predecessors = serializers.ListField(
        child=serializers.CharField(),
        help_text=_("OGP ids of the same reform in earlier plans, carried over into this one."),
    )
    successors = serializers.ListField(
        child=serializers.CharField(),
        help_text=_("OGP ids of later commitments that name this one as a predecessor."),
    )
    source_file = serializers.CharField(help_text=_("Where the row was imported from."))
    source_row = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class GroupFiguresSerializer(DescribedSerializer):
    key = serializers.CharField(help_text=_("Code, OGP id, slug or OGP value of the group."))
    label = serializers.CharField()
    commitment_count = serializers.IntegerField()
    completion = CompletionSerializer()


class CompletionStatsSerializer(DescribedSerializer):
    group_by = serializers.CharField()
    denominator_rule = serializers.CharField()
    results = GroupFiguresSerializer(many=True)


class ErrorSerializer(DescribedSerializer):
    detail = serializers.CharField(
        required=False, help_text=_("What was wrong (or field names with their errors).")
    )
