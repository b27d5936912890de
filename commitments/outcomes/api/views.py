"""Outcome checks in the API.

- GET /api/v1/outcome-checks/                        public list (member, action_plan, commitment,
                                                      verdict filters; ?format=csv), lean rows
- GET /api/v1/outcome-checks/{id}/                   one check
- POST /api/v1/commitments/{ogp_id}/outcome-checks/   record a check (token; same service as the form)

The figure itself ("of N completed, K still in force and applied") is in each action plan's row,
under `outcomes` (commitments.api.rows.plan_rows)."""

from __future__ import annotations

from typing import ClassVar

import django_filters as filters
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from commitments.models import Commitment, OutcomeCheck, OutcomeVerdict
from commitments.outcomes.services import (
    NOT_ALLOWED,
    can_record_outcome_check,
    record_outcome_check,
)

from ...api.base import place_lookups
from ...api.strict_filters import CommitmentScopedFilter
from ...api.views import documented
from ...api.write import upload_schema
from ...reports.api.serializers import ReportWriteSerializer, report_write_fields
from ...reports.api.views import ReportCreate, ReportRows, ReportViewSet
from .serializers import OutcomeCheckSerializer


class OutcomeCheckFilter(CommitmentScopedFilter):
    verdict = filters.ChoiceFilter(
        choices=OutcomeVerdict.choices, help_text=_("The verdict of the check.")
    )

    class Meta:
        model = OutcomeCheck
        fields: list[str] = []


outcome_check_rows = ReportRows(
    OutcomeCheck, OutcomeCheckSerializer, "commitments:outcome_evidence", **place_lookups()
)


@documented(
    _(
        "Outcome checks after the plan, append-only: is a completed commitment's result still "
        "in force and applied? A correction is a newer check."
    ),
    _("One outcome check, by id."),
)
class OutcomeCheckViewSet(ReportViewSet):
    model = OutcomeCheck
    serializer_class = OutcomeCheckSerializer
    filterset_class = OutcomeCheckFilter
    ordering: ClassVar[list[str]] = ["commitment_id", "checked_on", "recorded_at"]
    not_found_message = _("No outcome check with the id %(id)s.")
    fetch_rows = staticmethod(outcome_check_rows)


class OutcomeCheckWriteSerializer(ReportWriteSerializer):
    checked_on = serializers.DateField()
    verdict = serializers.ChoiceField(choices=OutcomeVerdict.choices)
    note, evidence_url, evidence_file, corrects = report_write_fields(OutcomeCheck)


class OutcomeCheckCreate(ReportCreate):
    """Record an outcome check on a commitment (see commitments.outcomes.services for who may)."""

    serializer_class = OutcomeCheckWriteSerializer

    @upload_schema(
        summary=_("Record an outcome check"),
        description=_(
            "Record, after the plan, whether a commitment's result still holds, with its "
            "evidence. Checks are never edited: a correction is a newer check."
        ),
        body=OutcomeCheckWriteSerializer,
        created=OutcomeCheckSerializer,
    )
    def post(self, request: Request, ogp_id: str) -> Response:
        commitment = get_object_or_404(
            Commitment.objects.select_related("action_plan").by_key(ogp_id)
        )
        if not can_record_outcome_check(request.user, commitment):
            raise PermissionDenied(NOT_ALLOWED)
        self.reports = commitment.outcome_checks
        return self.record(request, record_outcome_check, outcome_check_rows, commitment=commitment)
