"""Milestone progress in the API.

- GET /api/v1/milestone-progress/               public list (member, action_plan, commitment,
                                                 milestone, level filters; ?format=csv), lean rows
- GET /api/v1/milestone-progress/{id}/          one report
- POST /api/v1/milestones/{id}/progress/        report on a milestone (token; the form's service,
                                                 commitments.progress.services)"""

from __future__ import annotations

from typing import ClassVar

import django_filters as filters
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from commitments.models import Milestone, MilestoneProgress, ProgressLevel
from commitments.progress.services import (
    can_report_progress,
    not_allowed_message,
    record_milestone_progress,
)

from ..api.base import place_lookups
from ..api.strict_filters import CommitmentScopedFilter
from ..api.views import documented
from ..api.write import upload_schema
from ..reports.api.serializers import (
    ReportWriteSerializer,
    place_columns,
    report_columns,
    report_write_fields,
)
from ..reports.api.views import ReportCreate, ReportRows, ReportViewSet


class MilestoneProgressSerializer(serializers.Serializer):
    # One report: the list's rows, the CSV's columns and the schema.

    id = serializers.IntegerField(help_text=_("The report's id."))
    milestone = serializers.IntegerField(help_text=_("Id of the milestone."))
    milestone_title = serializers.CharField(help_text=_("The milestone's title."))
    commitment, action_plan, member = place_columns()
    level = serializers.ChoiceField(
        choices=ProgressLevel.choices, help_text=_("met, partially_met or not_met.")
    )
    reported_on = serializers.DateField(help_text=_("The date the report describes."))
    note, evidence_url, evidence_file, evidence_file_name, reported_by, corrects, recorded_at = (
        report_columns(
            reported_by=_("The reporting organisation (slug); people are not named."),
            corrects=_("Id of the earlier report this one corrects, or null."),
            recorded_at=_("When the report was recorded."),
        )
    )


class MilestoneProgressFilter(CommitmentScopedFilter):
    via = ("milestone", Milestone)
    milestone = filters.NumberFilter(field_name="milestone_id", help_text=_("A milestone by id."))
    level = filters.ChoiceFilter(
        choices=ProgressLevel.choices, help_text=_("The reported progress.")
    )

    class Meta:
        model = MilestoneProgress
        fields: list[str] = []


milestone_progress_rows = ReportRows(
    MilestoneProgress,
    MilestoneProgressSerializer,
    "commitments:milestone_progress_evidence",
    milestone_title="milestone__title",
    **place_lookups("milestone__"),
)


@documented(
    _(
        "Civil society's reports on milestones (met, partially met, not met), append-only: a "
        "correction is a newer report."
    ),
    _("One milestone report, by id."),
)
class MilestoneProgressViewSet(ReportViewSet):
    model = MilestoneProgress
    serializer_class = MilestoneProgressSerializer
    filterset_class = MilestoneProgressFilter
    ordering: ClassVar[list[str]] = ["milestone_id", "reported_on", "recorded_at"]
    not_found_message = _("No milestone report with the id %(id)s.")
    fetch_rows = staticmethod(milestone_progress_rows)


class MilestoneProgressWriteSerializer(ReportWriteSerializer):
    level = serializers.ChoiceField(choices=ProgressLevel.choices)
    reported_on = serializers.DateField()
    note, evidence_url, evidence_file, corrects = report_write_fields(MilestoneProgress)


class MilestoneProgressCreate(ReportCreate):
    serializer_class = MilestoneProgressWriteSerializer

    @upload_schema(
        summary=_("Report on a milestone"),
        description=_(
            "Report whether a milestone of a commitment your organisation monitors was met, "
            "partially met or not met, with its evidence (a link or a file; not met may have none). "
            "Reports are never edited: a correction is a newer report."
        ),
        body=MilestoneProgressWriteSerializer,
        created=MilestoneProgressSerializer,
    )
    def post(self, request: Request, pk: int) -> Response:
        milestone = get_object_or_404(Milestone.objects.select_related("commitment"), pk=pk)
        if not can_report_progress(request.user, milestone):
            raise PermissionDenied(not_allowed_message())
        self.reports = milestone.progress_reports
        return self.record(
            request, record_milestone_progress, milestone_progress_rows, milestone=milestone
        )
