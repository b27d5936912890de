"""Write API for IRM researchers: GET, PATCH /api/v1/assessments/{id}/ on a draft assessment.

Only the researchers assigned to a draft report may change its assessments (the same rule and the
same service, `reviews.services.save_draft_assessment`, as the web form). Drafts stay private: a
user who may not see the report gets 404. PATCH needs If-Match with the ETag (428 without, 412 stale).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from commitments.api.write import StaleSerializer, VersionedDetailView, versioned_schema

from ..models import Assessment, IRMReport
from ..scales import SCALE_DEFINITIONS
from ..services import save_draft_assessment

# Every scale the IRM defines (reviews.scales, in its order), then the assessment's text.
WRITABLE_SCALES = [*SCALE_DEFINITIONS, "narrative", "sources"]

# The read-only columns around the scales: which assessment it is, then what the service computes.
_WHICH = ["id", "report", "report_state", "commitment"]
_COMPUTED = ["starred", "star_formula", "version"]


class AssessmentWriteSerializer(serializers.ModelSerializer):
    commitment = serializers.SlugRelatedField(slug_field="ogp_id", read_only=True)
    report_state = serializers.CharField(source="report.state", read_only=True)

    class Meta:
        model = Assessment
        fields = [*_WHICH, *WRITABLE_SCALES, *_COMPUTED]
        read_only_fields = [*_WHICH, *_COMPUTED]
        extra_kwargs = {"narrative": {"max_length": 20000}, "sources": {"max_length": 20000}}


class CanWriteDrafts(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated)


@versioned_schema(
    AssessmentWriteSerializer,
    read=(
        _("An IRM assessment, with its ETag"),
        _(
            "An IRM assessment with its ETag; its researchers may update it while the report is "
            "a draft."
        ),
    ),
    update=(
        _("Update a draft assessment"),
        _(
            "Change an assessment of a draft IRM report you work on. Send the ETag you read in "
            "If-Match: if someone changed it since, the answer is 412 with the current version."
        ),
    ),
)
class AssessmentDetail(VersionedDetailView):
    """An IRM assessment; its researchers may PATCH it while the report is a draft."""

    serializer_class = AssessmentWriteSerializer
    permission_classes = [CanWriteDrafts]

    def get_queryset(self) -> Any:
        return Assessment.objects.visible_to(self.request.user).select_related(
            "report", "commitment"
        )

    def check_may_change(self, instance: Any) -> None:
        # get_object has already answered 404 for a draft the user may not see.
        editable = IRMReport.objects.editable_by(self.request.user)
        if not editable.filter(pk=instance.report_id).exists():
            raise PermissionDenied(
                _("Only the researchers assigned to a draft report may change its assessments.")
            )

    def save_change(self, instance: Any, changes: dict[str, Any], expected_version: int) -> Any:
        updated = save_draft_assessment(
            report=instance.report,
            commitment=instance.commitment,
            researcher=self.request.user,
            data=dict(changes),
            expected_version=expected_version,
        )
        return self.get_queryset().get(pk=updated.pk)


__all__ = ["AssessmentDetail", "StaleSerializer"]
