"""Descriptions of the IRM rows of the public API (schema and CSV columns only; see
commitments.api.serializers for why these never build a response)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commitments.api.serializers import (
    CommitmentSerializer,
    DescribedSerializer,
    NamedRefSerializer,
)
from commitments.models import CompletionLevel, LinkState
from commitments.models.vocab import Voice
from reviews.models import (
    EarlyResults,
    IRMReport,
    Methodology,
    OpenedGovernment,
    PotentialForResults,
    PotentialImpact,
    Specificity,
    StarFormula,
)


def choice(choices: list, help_text: str = "") -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=choices, allow_null=True, help_text=help_text or _("Null when not rated.")
    )


def label() -> serializers.CharField:
    return serializers.CharField(help_text=_("The label as published by the IRM."))


class ReportSerializer(DescribedSerializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=IRMReport.Kind.choices)
    methodology = serializers.ChoiceField(choices=Methodology.choices)
    title = serializers.CharField()
    published_on = serializers.DateField(allow_null=True)
    publication_year = serializers.IntegerField(allow_null=True)
    url = serializers.CharField()


class FormulaStarsSerializer(DescribedSerializer):
    # The star under each of the IRM's three formulas (reviews.stars); empty (null) for a review
    # under the 2021 methodology, which stars nothing.

    def get_fields(self) -> dict:
        return {
            formula: serializers.BooleanField(allow_null=True, help_text=label)
            for formula, label in StarFormula.choices
        }


class AssessmentSummarySerializer(DescribedSerializer):
    id = serializers.IntegerField()
    report = ReportSerializer()
    specificity = choice(Specificity.choices)
    specificity_label = label()
    verifiable = serializers.BooleanField(allow_null=True)
    relevant_access_to_information = serializers.BooleanField(allow_null=True)
    relevant_civic_participation = serializers.BooleanField(allow_null=True)
    relevant_public_accountability = serializers.BooleanField(allow_null=True)
    relevant_technology_innovation = serializers.BooleanField(allow_null=True)
    open_government_lens = serializers.BooleanField(allow_null=True)
    potential_impact = choice(PotentialImpact.choices)
    potential_impact_label = label()
    potential_for_results = choice(PotentialForResults.choices)
    potential_for_results_label = label()
    promising = serializers.BooleanField(allow_null=True)
    completion = choice(CompletionLevel.choices)
    completion_label = label()
    opened_government = choice(OpenedGovernment.choices)
    opened_government_label = label()
    early_results = choice(EarlyResults.choices)
    early_results_label = label()
    starred = serializers.BooleanField(help_text=_("Computed from the scales (reviews.stars)."))
    star_formula = choice(StarFormula.choices)
    formula_stars = FormulaStarsSerializer(
        help_text=_(
            "Starred or not under each of the IRM's formulas (pre_2014, 2015, current), computed "
            "from the scales; `starred` is the current formula on the latest report."
        )
    )
    updated_at = serializers.DateTimeField()


class AssessmentSerializer(AssessmentSummarySerializer):
    commitment = serializers.CharField(help_text=_("OGP id of the commitment."))
    action_plan = serializers.CharField(help_text=_("OGP id of the plan."))
    member = serializers.CharField(help_text=_("OGP code of the member."))
    narrative = serializers.CharField()
    sources = serializers.CharField()


class PublicCommitmentSerializer(CommitmentSerializer):
    latest_irm_assessment = AssessmentSummarySerializer(
        allow_null=True,
        help_text=_("The latest published IRM assessment of the commitment, if any."),
    )


class PublicEvidenceSerializer(DescribedSerializer):
    url = serializers.CharField(help_text=_("A link, or empty for a file."))
    file_url = serializers.CharField(
        allow_null=True,
        help_text=_("The address of an uploaded file on this site (/evidence/<id>/), or null."),
    )
    file_name = serializers.CharField(help_text=_("An uploaded file's name, or empty."))
    content_type = serializers.CharField()
    size = serializers.IntegerField(allow_null=True)
    checked_at = serializers.DateTimeField(
        allow_null=True, help_text=_("When the link was last checked; null for files or before.")
    )
    link_state = serializers.ChoiceField(
        choices=LinkState.choices,
        allow_null=True,
        help_text=_(
            "What the checks say: unchecked, ok, unreachable (the last check got no answer to "
            "judge by: no connection, a 5xx, 401/403/429; says nothing yet about the link) or "
            "broken; null for files."
        ),
    )
    unreachable_since = serializers.DateTimeField(
        allow_null=True,
        help_text=_("The first failed check since the link last answered, if it fails."),
    )
    broken_since = serializers.DateTimeField(
        allow_null=True,
        help_text=_(
            "Since when the link fails, once it counts as broken: at once for a 4xx other than "
            "401/403/429, after failures spread over days for no answer."
        ),
    )
    changed_since_posted = serializers.BooleanField(
        help_text=_("The linked page's content differs from what it was when first checked.")
    )


class PublicStatusUpdateSerializer(DescribedSerializer):
    id = serializers.IntegerField()
    voice = serializers.ChoiceField(
        choices=Voice.choices,
        help_text=_(
            "Whose account: civil_society (a monitoring organisation) or government (the "
            "self-assessment of a responsible official of a lead organisation)."
        ),
    )
    completion = serializers.ChoiceField(choices=CompletionLevel.choices)
    as_of = serializers.DateField()
    note = serializers.CharField()
    author_organization = NamedRefSerializer(allow_null=True)
    corrects = serializers.IntegerField(
        allow_null=True, help_text=_("Id of the earlier update this one corrects.")
    )
    recorded_at = serializers.DateTimeField()
    evidence = PublicEvidenceSerializer(many=True)


class PublicHistorySerializer(DescribedSerializer):
    commitment = serializers.CharField()
    status_updates = PublicStatusUpdateSerializer(many=True, help_text=_("Oldest first."))
    assessments = AssessmentSerializer(many=True, help_text=_("Published ones, oldest first."))
