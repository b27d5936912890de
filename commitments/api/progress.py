"""Milestone progress in the API.

- GET /api/v1/milestone-progress/               public list (member, action_plan, commitment,
                                                 milestone, level filters; ?format=csv), lean rows
- GET /api/v1/milestone-progress/{id}/          one report
- POST /api/v1/milestones/{id}/progress/        report on a milestone (token; the form's service,
                                                 commitments.progress_services)"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import django_filters as filters
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from commitments.evidence import check_evidence_upload
from commitments.forms import MAX_NOTE
from commitments.models import Commitment, Milestone, MilestoneProgress, ProgressLevel
from commitments.progress_services import (
    can_report_progress,
    not_allowed_message,
    record_milestone_progress,
)

from .accountability import _ByPk, _commitment_filter, _in_order, _PlanScopedFilter
from .views import detail_schema, list_schema
from .write import WRITE_ERRORS, _django_errors


class MilestoneProgressSerializer(serializers.Serializer):
    """One report: the list's rows, the CSV's columns and the schema."""

    id = serializers.IntegerField(help_text=_("The report's id."))
    milestone = serializers.IntegerField(help_text=_("Id of the milestone."))
    milestone_title = serializers.CharField(help_text=_("The milestone's title."))
    commitment = serializers.CharField(help_text=_("OGP id of the commitment."))
    action_plan = serializers.CharField(help_text=_("OGP id of the plan."))
    member = serializers.CharField(help_text=_("The member's OGP code."))
    level = serializers.ChoiceField(
        choices=ProgressLevel.choices, help_text=_("met, partially_met or not_met.")
    )
    reported_on = serializers.DateField(help_text=_("The date the report describes."))
    note = serializers.CharField(allow_blank=True, help_text=_("What was found."))
    evidence_url = serializers.CharField(
        allow_blank=True, help_text=_("Link to the evidence, or empty.")
    )
    evidence_file = serializers.CharField(
        allow_null=True, help_text=_("Address of the uploaded evidence file, null when none.")
    )
    evidence_file_name = serializers.CharField(
        allow_blank=True, help_text=_("The evidence file's name as uploaded, or empty.")
    )
    reported_by = serializers.CharField(
        allow_null=True, help_text=_("The reporting organisation (slug); people are not named.")
    )
    corrects = serializers.IntegerField(
        allow_null=True, help_text=_("Id of the earlier report this one corrects, or null.")
    )
    recorded_at = serializers.DateTimeField(help_text=_("When the report was recorded."))


class MilestoneProgressFilter(_PlanScopedFilter):
    commitment = _commitment_filter()
    milestone = filters.NumberFilter(field_name="milestone_id", help_text=_("A milestone by id."))
    level = filters.ChoiceFilter(
        choices=ProgressLevel.choices, help_text=_("The reported progress.")
    )

    class Meta:
        model = MilestoneProgress
        fields: list[str] = []

    def _plans(self, queryset: QuerySet, plans: QuerySet) -> QuerySet:
        return queryset.filter(
            milestone_id__in=Milestone.objects.filter(commitment__action_plan__in=plans).values(
                "pk"
            )
        )

    def filter_commitment(self, queryset: QuerySet, name: str, commitment: Commitment) -> QuerySet:
        return queryset.filter(
            milestone_id__in=Milestone.objects.filter(commitment_id=commitment.pk).values("pk")
        )


def milestone_progress_rows(ids: Sequence[Any]) -> list[dict]:
    """One query."""
    rows = []
    for values in MilestoneProgress.objects.filter(pk__in=ids).values_list(
        "pk",
        "milestone_id",
        "milestone__title",
        "milestone__commitment__ogp_id",
        "milestone__commitment__action_plan__ogp_id",
        "milestone__commitment__action_plan__member__code",
        "level",
        "reported_on",
        "note",
        "evidence_url",
        "evidence_file",
        "evidence_name",
        "author_organization__slug",
        "corrects_id",
        "recorded_at",
    ):
        pk, milestone, title, commitment, plan, member, level, reported_on, *rest = values
        note, url, file, file_name, reported_by, corrects, recorded_at = rest
        rows.append(
            {
                "_pk": pk,
                "id": pk,
                "milestone": milestone,
                "milestone_title": title,
                "commitment": commitment,
                "action_plan": plan,
                "member": member,
                "level": level,
                "reported_on": reported_on,
                "note": note,
                "evidence_url": url,
                "evidence_file": reverse("commitments:milestone_progress_evidence", args=[pk])
                if file
                else None,
                "evidence_file_name": file_name,
                "reported_by": reported_by,
                "corrects": corrects,
                "recorded_at": recorded_at,
            }
        )
    return _in_order(ids, rows)


@extend_schema_view(
    list=list_schema(
        MilestoneProgressSerializer,
        _(
            "Civil society's reports on milestones (met, partially met, not met), append-only: a "
            "correction is a newer report."
        ),
    ),
    retrieve=detail_schema(MilestoneProgressSerializer, _("One milestone report, by id.")),
)
class MilestoneProgressViewSet(_ByPk):
    model = MilestoneProgress
    serializer_class = MilestoneProgressSerializer
    filterset_class = MilestoneProgressFilter
    ordering: ClassVar[list[str]] = ["milestone_id", "reported_on", "recorded_at"]
    not_found_message = _("No milestone report with the id %(id)s.")

    def get_queryset(self) -> QuerySet:
        # Reports are never edited: the time recorded is when they last changed.
        return MilestoneProgress.objects.annotate(updated_at=F("recorded_at"))

    def fetch_rows(self, ids: Sequence[Any]) -> list[dict]:
        return milestone_progress_rows(ids)


class MilestoneProgressWriteSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=ProgressLevel.choices)
    reported_on = serializers.DateField()
    note = serializers.CharField(max_length=MAX_NOTE, required=False, allow_blank=True)
    evidence_url = serializers.URLField(max_length=1000, required=False, allow_blank=True)
    evidence_file = serializers.FileField(
        required=False, help_text=_("Evidence file (multipart): PDF, image or office document.")
    )
    corrects = serializers.PrimaryKeyRelatedField(
        queryset=MilestoneProgress.objects.none(), required=False, allow_null=True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        milestone = self.context.get("milestone")
        if milestone is not None:
            self.fields["corrects"].queryset = milestone.progress_reports.all()

    def validate_evidence_file(self, upload: Any) -> Any:
        try:
            return check_evidence_upload(upload)
        except DjangoValidationError as exc:
            raise ValidationError(exc.messages) from exc


class CanReportProgress(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request: Request, view: Any, obj: Any) -> bool:
        if not can_report_progress(request.user, obj):
            raise PermissionDenied(not_allowed_message())
        return True


class MilestoneProgressCreate(generics.GenericAPIView):
    serializer_class = MilestoneProgressWriteSerializer
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    renderer_classes = [JSONRenderer]
    permission_classes = [IsAuthenticated, CanReportProgress]
    http_method_names = ["post", "options"]

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "milestone": getattr(self, "milestone", None)}

    @extend_schema(
        summary=_("Report on a milestone"),
        description=_(
            "Report whether a milestone of a commitment your organisation monitors was met, "
            "partially met or not met, with its evidence (a link or a file; not met may have none). "
            "Reports are never edited: a correction is a newer report."
        ),
        request={
            "application/json": MilestoneProgressWriteSerializer,
            "multipart/form-data": MilestoneProgressWriteSerializer,
        },
        responses={201: MilestoneProgressSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, pk: int) -> Response:
        self.milestone = get_object_or_404(Milestone.objects.select_related("commitment"), pk=pk)
        self.check_object_permissions(request, self.milestone)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            report = record_milestone_progress(
                milestone=self.milestone,
                author=request.user,
                level=data["level"],
                reported_on=data["reported_on"],
                note=data.get("note", ""),
                evidence_url=data.get("evidence_url", ""),
                evidence_file=data.get("evidence_file"),
                corrects=data.get("corrects"),
            )
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        except DjangoValidationError as exc:
            raise ValidationError(_django_errors(exc)) from exc
        return Response(milestone_progress_rows([report.pk])[0], status=status.HTTP_201_CREATED)
