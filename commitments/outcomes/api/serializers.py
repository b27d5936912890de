"""Shapes of the outcome checks in the API (schema and CSV columns). No view imports here, so the
action-plan serializer can use the figure's shape too."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commitments.models import OutcomeVerdict

from ...reports.api.serializers import place_columns, report_columns


class OutcomeRateSerializer(serializers.Serializer):
    numerator = serializers.IntegerField(help_text=_("Completed commitments counted by the rate."))
    denominator = serializers.IntegerField(help_text=_("The completed commitments."))


class OutcomeVerdictCountsSerializer(serializers.Serializer):
    # Completed commitments by the verdict of their latest check, and those with none.

    in_force_applied = serializers.IntegerField(help_text=OutcomeVerdict.IN_FORCE_APPLIED.label)
    dead_letter = serializers.IntegerField(help_text=OutcomeVerdict.DEAD_LETTER.label)
    weakened = serializers.IntegerField(help_text=OutcomeVerdict.WEAKENED.label)
    reversed = serializers.IntegerField(help_text=OutcomeVerdict.REVERSED.label)
    superseded = serializers.IntegerField(help_text=OutcomeVerdict.SUPERSEDED.label)
    unknown = serializers.IntegerField(help_text=OutcomeVerdict.UNKNOWN.label)
    no_check = serializers.IntegerField(help_text=_("No check yet"))


class OutcomeFiguresSerializer(serializers.Serializer):
    as_of = serializers.DateField(help_text=_("The day the figure describes."))
    completed = serializers.IntegerField(
        help_text=_("Commitments rated complete by the IRM or by civil society on that day.")
    )
    in_force_applied = OutcomeRateSerializer(
        help_text=_("Completed commitments whose latest check says still in force and applied.")
    )
    coverage = OutcomeRateSerializer(
        help_text=_("Completed commitments with any outcome check on or before that day.")
    )
    last_checked_on = serializers.DateField(
        allow_null=True, help_text=_("Date of the latest check counted, null when none.")
    )
    verdicts = OutcomeVerdictCountsSerializer(
        help_text=_("Completed commitments by the verdict of their latest check.")
    )
    rule = serializers.CharField(help_text=_("How the figure is made."))


class OutcomeCheckSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("The check's id."))
    commitment, action_plan, member = place_columns()
    checked_on = serializers.DateField(help_text=_("The date the check describes."))
    verdict = serializers.ChoiceField(
        choices=OutcomeVerdict.choices,
        help_text=_("What became of the commitment's result after the plan."),
    )
    note, evidence_url, evidence_file, evidence_file_name, reported_by, corrects, recorded_at = (
        report_columns(
            reported_by=_("The recording organisation (slug); people are not named."),
            corrects=_("Id of the earlier check this one corrects, or null."),
            recorded_at=_("When the check was recorded."),
        )
    )
