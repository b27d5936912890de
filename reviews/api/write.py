"""Write API for IRM researchers: GET, PATCH /api/v1/assessments/{id}/ on a draft assessment.

Only the researchers assigned to a draft report may change its assessments (the same rule and the
same service, `reviews.services.save_draft_assessment`, as the web form). Drafts stay private: a
user who may not see the report gets 404. PATCH needs If-Match with the ETag (428 without, 412 stale).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from commitments.api.write import (
    IF_MATCH,
    READ_ERRORS,
    WRITE_ERRORS,
    StaleSerializer,
    VersionedUpdateMixin,
    error,
)

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


class AssessmentDetail(VersionedUpdateMixin, generics.RetrieveUpdateAPIView):
    """An IRM assessment; its researchers may PATCH it while the report is a draft."""

    serializer_class = AssessmentWriteSerializer
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    renderer_classes = [JSONRenderer]
    permission_classes = [CanWriteDrafts]
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self) -> Any:
        return Assessment.objects.visible_to(self.request.user).select_related(
            "report", "commitment"
        )

    @extend_schema(
        summary=_("An IRM assessment, with its ETag"),
        description=_(
            "An IRM assessment with its ETag; its researchers may update it while the report is "
            "a draft."
        ),
        responses={200: AssessmentWriteSerializer, **READ_ERRORS},
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        return self.with_etag(Response(self.get_serializer(instance).data), instance)

    @extend_schema(
        summary=_("Update a draft assessment"),
        description=_(
            "Change an assessment of a draft IRM report you work on. Send the ETag you read in "
            "If-Match: if someone changed it since, the answer is 412 with the current version."
        ),
        parameters=[IF_MATCH],
        responses={
            200: AssessmentWriteSerializer,
            **WRITE_ERRORS,
            412: StaleSerializer,
            428: error(_("If-Match missing")),
        },
    )
    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()  # 404 for a draft the user may not see
        if not IRMReport.objects.editable_by(request.user).filter(pk=instance.report_id).exists():
            raise PermissionDenied(
                _("Only the researchers assigned to a draft report may change its assessments.")
            )
        expected = self.expected_version(instance)
        serializer = self.get_serializer(instance, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        updated = save_draft_assessment(
            report=instance.report,
            commitment=instance.commitment,
            researcher=request.user,
            data=dict(serializer.validated_data),
            expected_version=expected,
        )
        updated = self.get_queryset().get(pk=updated.pk)
        return self.with_etag(Response(self.get_serializer(updated).data), updated)


__all__ = ["AssessmentDetail", "StaleSerializer"]
