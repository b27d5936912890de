"""Outcome checks in the API.

- GET /api/v1/outcome-checks/                        public list (member, action_plan, commitment,
                                                      verdict filters; ?format=csv), lean rows
- GET /api/v1/outcome-checks/{id}/                   one check
- POST /api/v1/commitments/{ogp_id}/outcome-checks/   record a check (token; same service as the form)

The figure itself ("of N completed, K still in force and applied") is in each action plan's row,
under `outcomes` (commitments.api.rows.plan_rows)."""

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
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from commitments.evidence import check_evidence_upload
from commitments.models import Commitment, OutcomeCheck, OutcomeVerdict
from commitments.outcome_services import (
    NOT_ALLOWED,
    can_record_outcome_check,
    record_outcome_check,
)

from .accountability import _ByPk, _commitment_filter, _in_order, _PlanScopedFilter
from .outcome_serializers import OutcomeCheckSerializer
from .views import detail_schema, list_schema
from .write import WRITE_ERRORS, _django_errors


class OutcomeCheckFilter(_PlanScopedFilter):
    commitment = _commitment_filter()
    verdict = filters.ChoiceFilter(
        choices=OutcomeVerdict.choices, help_text=_("The verdict of the check.")
    )

    class Meta:
        model = OutcomeCheck
        fields: list[str] = []

    def _plans(self, queryset: QuerySet, plans: QuerySet) -> QuerySet:
        return queryset.filter(
            commitment_id__in=Commitment.objects.filter(action_plan__in=plans).values("pk")
        )

    def filter_commitment(self, queryset: QuerySet, name: str, commitment: Commitment) -> QuerySet:
        return queryset.filter(commitment_id=commitment.pk)


def outcome_check_rows(ids: Sequence[Any]) -> list[dict]:
    """One query."""
    rows = []
    for values in OutcomeCheck.objects.filter(pk__in=ids).values_list(
        "pk",
        "commitment__ogp_id",
        "commitment__action_plan__ogp_id",
        "commitment__action_plan__member__code",
        "checked_on",
        "verdict",
        "note",
        "evidence_url",
        "evidence_file",
        "evidence_name",
        "author_organization__slug",
        "corrects_id",
        "recorded_at",
    ):
        pk, commitment, plan, member, checked_on, verdict, note, url, file, *rest = values
        file_name, reported_by, corrects, recorded_at = rest
        rows.append(
            {
                "_pk": pk,
                "id": pk,
                "commitment": commitment,
                "action_plan": plan,
                "member": member,
                "checked_on": checked_on,
                "verdict": verdict,
                "note": note,
                "evidence_url": url,
                "evidence_file": reverse("commitments:outcome_evidence", args=[pk])
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
        OutcomeCheckSerializer,
        _(
            "Outcome checks after the plan, append-only: is a completed commitment's result still "
            "in force and applied? A correction is a newer check."
        ),
    ),
    retrieve=detail_schema(OutcomeCheckSerializer, _("One outcome check, by id.")),
)
class OutcomeCheckViewSet(_ByPk):
    model = OutcomeCheck
    serializer_class = OutcomeCheckSerializer
    filterset_class = OutcomeCheckFilter
    ordering: ClassVar[list[str]] = ["commitment_id", "checked_on", "recorded_at"]
    not_found_message = _("No outcome check with the id %(id)s.")

    def get_queryset(self) -> QuerySet:
        # Checks are never edited: the time recorded is when they last changed.
        return OutcomeCheck.objects.annotate(updated_at=F("recorded_at"))

    def fetch_rows(self, ids: Sequence[Any]) -> list[dict]:
        return outcome_check_rows(ids)


class OutcomeCheckWriteSerializer(serializers.Serializer):
    checked_on = serializers.DateField()
    verdict = serializers.ChoiceField(choices=OutcomeVerdict.choices)
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    evidence_url = serializers.URLField(max_length=1000, required=False, allow_blank=True)
    evidence_file = serializers.FileField(
        required=False, help_text=_("Evidence file (multipart): PDF, image or office document.")
    )
    corrects = serializers.PrimaryKeyRelatedField(
        queryset=OutcomeCheck.objects.none(), required=False, allow_null=True
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        commitment = self.context.get("commitment")
        if commitment is not None:
            self.fields["corrects"].queryset = commitment.outcome_checks.all()

    def validate_evidence_file(self, upload: Any) -> Any:
        try:
            return check_evidence_upload(upload)
        except DjangoValidationError as exc:
            raise ValidationError(exc.messages) from exc


class OutcomeCheckCreate(generics.GenericAPIView):
    """Record an outcome check on a commitment (see commitments.outcome_services for who may)."""

    serializer_class = OutcomeCheckWriteSerializer
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    renderer_classes = [JSONRenderer]
    permission_classes = [IsAuthenticated]
    http_method_names = ["post", "options"]

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "commitment": getattr(self, "commitment", None)}

    @extend_schema(
        summary=_("Record an outcome check"),
        description=_(
            "Record, after the plan, whether a commitment's result still holds, with its "
            "evidence. Checks are never edited: a correction is a newer check."
        ),
        request={
            "application/json": OutcomeCheckWriteSerializer,
            "multipart/form-data": OutcomeCheckWriteSerializer,
        },
        responses={201: OutcomeCheckSerializer, **WRITE_ERRORS},
    )
    def post(self, request: Request, ogp_id: str) -> Response:
        self.commitment = get_object_or_404(
            Commitment.objects.select_related("action_plan"), ogp_id=ogp_id.upper()
        )
        if not can_record_outcome_check(request.user, self.commitment):
            raise PermissionDenied(NOT_ALLOWED)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            check = record_outcome_check(
                commitment=self.commitment,
                author=request.user,
                checked_on=data["checked_on"],
                verdict=data["verdict"],
                note=data.get("note", ""),
                evidence_url=data.get("evidence_url", ""),
                evidence_file=data.get("evidence_file"),
                corrects=data.get("corrects"),
            )
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        except DjangoValidationError as exc:
            raise ValidationError(_django_errors(exc)) from exc
        return Response(outcome_check_rows([check.pk])[0], status=status.HTTP_201_CREATED)
