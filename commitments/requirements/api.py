"""Public API for OGP's minimum requirements per plan (commitments.requirements.rules): the list
/api/v1/plan-requirements/ (JSON or CSV), one plan's at /api/v1/action-plans/<id>/requirements/, and
`requirements` on a plan's detail."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commitments.requirements.rules import Status, requirement_rows

from ..api.filters import PerPlanFilter
from ..api.rows import plans_in_order
from ..api.serializers import ActionPlanSerializer, PlanRowSerializer
from ..api.strict_filters import plan_filter
from ..api.views import PerPlanViewSet, documented


class RequirementSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text=_("forum, repository, reasoned_response or commitments.")
    )
    status = serializers.ChoiceField(
        choices=Status.choices,
        help_text=_("met, not_met, or unknown when the records cannot tell."),
    )
    title = serializers.CharField(help_text=_("The requirement, in the reader's language."))
    message = serializers.CharField(help_text=_("What the records say, in the reader's language."))
    facts = serializers.JSONField(help_text=_("The facts behind the status."))


class PlanRequirementsSerializer(serializers.Serializer):
    checked_on = serializers.DateField(help_text=_("The day the requirements were checked."))
    met = serializers.IntegerField(help_text=_("How many requirements are met."))
    not_met = serializers.IntegerField(help_text=_("How many requirements are not met."))
    unknown = serializers.IntegerField(help_text=_("How many the records cannot tell."))
    forum = RequirementSerializer(
        help_text=_("A multi-stakeholder forum that met at least every six months.")
    )
    repository = RequirementSerializer(
        help_text=_(
            "A repository updated at least every six months (status updates with evidence)."
        )
    )
    reasoned_response = RequirementSerializer(
        help_text=_("A reasoned response to every proposal left out of the plan.")
    )
    commitments = RequirementSerializer(
        help_text=_("Every commitment with a lead institution, dates and dated milestones.")
    )


class PlanRequirementRowSerializer(PlanRowSerializer):
    title = serializers.CharField(help_text=_("The plan's title."))
    requirements = PlanRequirementsSerializer(
        help_text=_("Each requirement met, not met or unknown, with the facts behind it.")
    )


class ActionPlanDetailSerializer(ActionPlanSerializer):
    requirements = PlanRequirementsSerializer(
        help_text=_("OGP's minimum requirements, checked today from the records.")
    )


class PlanRequirementFilter(PerPlanFilter):
    action_plan = plan_filter(_("An action plan by OGP id, e.g. AP_PER01."))


def plan_requirement_rows(ids: Sequence[Any]) -> list[dict]:
    """One query for the plans, four for all their requirements."""
    return requirement_rows(plans_in_order(ids))


@documented(
    _(
        "OGP's minimum requirements for each action plan, each met, not met or unknown with "
        "the facts behind it: the forum met every six months, the repository updated twice a "
        "year, a reasoned response to the proposals left out, every commitment with a lead, "
        "dates and dated milestones."
    ),
    _("The minimum requirements of one plan, by OGP id."),
)
class PlanRequirementViewSet(PerPlanViewSet):
    serializer_class = PlanRequirementRowSerializer
    filterset_class = PlanRequirementFilter

    fetch_rows = staticmethod(plan_requirement_rows)
