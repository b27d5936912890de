"""Public API for plan-integrity warnings and the co-creation summary of each plan.

In `reviews` because one warning reads the IRM's specificity ratings (see reviews.integrity)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commitments.api.filters import PerPlanFilter
from commitments.api.rows import plans_in_order
from commitments.api.serializers import PlanRowSerializer
from commitments.api.views import PerPlanViewSet, documented
from reviews.integrity import HIGH, warnings_for_facts
from reviews.integrity_facts import plan_facts


class WarningSerializer(serializers.Serializer):
    code = serializers.CharField(help_text=_("Stable code, e.g. retroactive_approval."))
    severity = serializers.ChoiceField(choices=[("high", "high"), ("medium", "medium")])
    title = serializers.CharField()
    message = serializers.CharField()
    facts = serializers.JSONField(help_text=_("The facts behind the warning."))


class PriorityProposalSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    outcome = serializers.CharField()
    left_out = serializers.BooleanField()


class ProposalSummarySerializer(serializers.Serializer):
    total = serializers.IntegerField(help_text=_("Civil-society proposals recorded."))
    adopted = serializers.IntegerField()
    merged = serializers.IntegerField()
    altered = serializers.IntegerField()
    dropped = serializers.IntegerField()
    unanswered = serializers.IntegerField()
    priority = serializers.IntegerField(help_text=_("Marked as a priority by their proposers."))
    priority_left_out = serializers.IntegerField(help_text=_("Priorities dropped or unanswered."))
    priority_proposals = PriorityProposalSerializer(many=True)


class PlanWarningsSerializer(PlanRowSerializer):
    title = serializers.CharField()
    warning_count = serializers.IntegerField()
    high_count = serializers.IntegerField(help_text=_("Warnings of high severity."))
    warnings = WarningSerializer(many=True)
    proposals = ProposalSummarySerializer(help_text=_("What became of civil society's proposals."))


def warning_rows(ids: Sequence[Any]) -> list[dict]:
    """One query for the plans, six for all their warnings (reviews.integrity.plan_facts)."""
    plans = plans_in_order(ids)
    facts = plan_facts(plans)
    rows = []
    for plan in plans:
        found = warnings_for_facts(facts[plan.pk])
        rows.append(
            {
                "action_plan": plan.ogp_id,
                "member": plan.member.code,
                "title": plan.title,
                "warning_count": len(found),
                "high_count": sum(1 for w in found if w.severity == HIGH),
                "warnings": [w.as_dict() for w in found],
                "proposals": facts[plan.pk].proposals.as_dict(),
            }
        )
    return rows


@documented(
    _(
        "Plan-integrity warnings for each action plan, with the facts behind each (retroactive "
        "approval, commitments without milestones, indicators or lead, low specificity, ended "
        "without final status, single responsible office, priority proposals left out), and "
        "what became of civil society's proposals."
    ),
    _("The warnings of one plan, by OGP id."),
)
class PlanWarningViewSet(PerPlanViewSet):
    serializer_class = PlanWarningsSerializer
    filterset_class = PerPlanFilter

    fetch_rows = staticmethod(warning_rows)
