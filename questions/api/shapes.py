"""The shapes of questions, official answers and their figures: the schema and the CSV columns."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commitments.reports.api.serializers import place_columns

from ..models import Question


class QuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("The question's id."))
    commitment, action_plan, member = place_columns()
    kind = serializers.ChoiceField(
        choices=Question.Kind.choices, help_text=_("A question, or data flagged as wrong.")
    )
    state = serializers.ChoiceField(
        choices=[("public", _("Public")), ("hidden", _("Hidden by a moderator"))],
        help_text=_("Public, or hidden by a moderator (the text is then left out)."),
    )
    text = serializers.CharField(allow_blank=True, help_text=_("The question; empty when hidden."))
    asked_by = serializers.CharField(help_text=_("The name shown for whoever asked."))
    published_at = serializers.DateTimeField(help_text=_("When it was made public."))
    hidden_at = serializers.DateTimeField(allow_null=True, help_text=_("When it was hidden."))
    hidden_reason = serializers.CharField(allow_blank=True, help_text=_("Why it was hidden."))
    answer_count = serializers.IntegerField(help_text=_("Official answers, corrections included."))
    resolved_at = serializers.DateTimeField(
        allow_null=True, help_text=_("For a flag: when the correction was handled.")
    )


class OfficialAnswerSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("The answer's id."))
    question = serializers.IntegerField(help_text=_("The question's id."))
    commitment = serializers.CharField(help_text=_("OGP id of the commitment."))
    organization = serializers.CharField(help_text=_("Slug of the answering organisation."))
    organization_name = serializers.CharField(help_text=_("Name of the answering organisation."))
    answered_by = serializers.CharField(help_text=_("The official's name."))
    text = serializers.CharField(help_text=_("The answer."))
    answered_at = serializers.DateTimeField(help_text=_("When it was published."))
    supersedes = serializers.IntegerField(
        allow_null=True, help_text=_("The earlier answer this one corrects.")
    )
    superseded_by = serializers.IntegerField(
        allow_null=True, help_text=_("The later answer that corrects this one.")
    )


class QuestionFiguresSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("Plan OGP id or organisation slug."))
    label = serializers.CharField(help_text=_("Its name."))
    as_of = serializers.DateField(help_text=_("The day the figures describe."))
    asked = serializers.IntegerField(help_text=_("Questions public on that day (not hidden)."))
    answered = serializers.IntegerField(help_text=_("Of those, officially answered by that day."))
    median_days_to_answer = serializers.FloatField(
        allow_null=True, help_text=_("Median days from public to first answer.")
    )
    open_past_30_days = serializers.IntegerField(
        help_text=_("Public more than 30 days, unanswered on that day.")
    )
    hidden = serializers.IntegerField(help_text=_("Hidden by the moderators by that day."))


class QuestionStatsSerializer(serializers.Serializer):
    group_by = serializers.CharField()
    as_of = serializers.DateField()
    rule = serializers.CharField()
    results = QuestionFiguresSerializer(many=True)
