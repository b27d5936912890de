"""Descriptions of the rows the public API returns: the OpenAPI schema and the CSV columns.

These serializers never build a response (the views build plain dicts from `.values_list()`, see
`commitments.api.base`); keep them in step with the row builders in `commitments.api.rows`.
Writes are not part of the public API; a future write endpoint gets its own ModelSerializer.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commitments.models import ActionPlan, CompletionLevel, Member, OGPValue, Organization
from commitments.models.vocab import FIGURE_KEYS

COMPLETION_CHOICES = CompletionLevel.choices


class RateSerializer(serializers.Serializer):
    numerator = serializers.IntegerField(help_text=_("Commitments counted by the rate."))
    denominator = serializers.IntegerField(help_text=_("All commitments in the group."))


class TrackFiguresSerializer(serializers.Serializer):
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


class CompletionSerializer(serializers.Serializer):
    irm = TrackFiguresSerializer(help_text=_("From the latest published IRM assessments."))
    self_reported = TrackFiguresSerializer(
        help_text=_("From the latest civil-society status updates.")
    )
    denominator_rule = serializers.CharField(help_text=_("How the denominators are made."))


class NamedRefSerializer(serializers.Serializer):
    id = serializers.CharField(help_text=_("Stable slug."))
    name = serializers.CharField()


class MemberSerializer(serializers.Serializer):
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
    updated_at = serializers.DateTimeField()


class ActionPlanSerializer(serializers.Serializer):
    ogp_id = serializers.CharField(help_text=_("AP_ + member code + number: AP_PER01."))
    member = serializers.CharField(help_text=_("The member's OGP code."))
    member_name = serializers.CharField()
    number = serializers.IntegerField()
    title = serializers.CharField()
    start_date = serializers.DateField(allow_null=True)
    end_date = serializers.DateField(allow_null=True)
    approval_date = serializers.DateField(allow_null=True)
    approval_instrument = serializers.CharField(help_text=_("As written."))
    status = serializers.ChoiceField(choices=ActionPlan.Status.choices)
    url = serializers.CharField(help_text=_("Link to the plan, or empty."))
    commitment_count = serializers.IntegerField()
    completion = CompletionSerializer()
    updated_at = serializers.DateTimeField()


class OrganizationSerializer(serializers.Serializer):
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


class SelfReportedSerializer(serializers.Serializer):
    completion = serializers.ChoiceField(
        choices=COMPLETION_CHOICES, allow_null=True, help_text=_("Null when nobody reported.")
    )
    as_of = serializers.DateField(allow_null=True)


class CommitmentSerializer(serializers.Serializer):
    ogp_id = serializers.CharField(help_text=_("Member prefix and four digits: PE0008."))
    action_plan = serializers.CharField(help_text=_("OGP id of its plan."))
    member = serializers.CharField(help_text=_("OGP code of its member."))
    number = serializers.CharField(help_text=_("Number in the plan, as written."))
    title = serializers.CharField()
    short_title = serializers.CharField()
    full_text = serializers.CharField()
    lead_organization = NamedRefSerializer(allow_null=True)
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
    self_reported = SelfReportedSerializer(help_text=_("Current civil-society status."))
    irm_completion = serializers.ChoiceField(
        choices=COMPLETION_CHOICES,
        allow_null=True,
        help_text=_("Completion from the latest published IRM assessment that rates it."),
    )
    irm_starred = serializers.BooleanField()
    source_file = serializers.CharField(help_text=_("Where the row was imported from."))
    source_row = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class GroupFiguresSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("Code, OGP id, slug or OGP value of the group."))
    label = serializers.CharField()
    commitment_count = serializers.IntegerField()
    completion = CompletionSerializer()


class CompletionStatsSerializer(serializers.Serializer):
    group_by = serializers.CharField()
    denominator_rule = serializers.CharField()
    results = GroupFiguresSerializer(many=True)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(
        required=False, help_text=_("What was wrong (or field names with their errors).")
    )
