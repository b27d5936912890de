"""The shapes of the accountability rows: the schema and the CSV columns."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commitments.api.serializers import NamedRefSerializer
from commitments.models import ConsultationEvent, Indicator, Phase, PlanProcess, Proposal

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


class ProposalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    action_plan = serializers.CharField()
    title = serializers.CharField()
    text = serializers.CharField(allow_blank=True)
    proposers = NamedRefSerializer(many=True)
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
    participants = NamedRefSerializer(many=True)
    iap2_level = serializers.CharField(allow_blank=True, help_text=IAP2_HELP)
    description = serializers.CharField(allow_blank=True)
    updated_at = serializers.DateTimeField()


class PlanProcessSerializer(serializers.Serializer):
    action_plan = serializers.CharField()
    responsible_offices = NamedRefSerializer(many=True)
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
