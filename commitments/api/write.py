"""The write API for integrations: token-authenticated, same rules as the web app.

- POST /api/v1/commitments/{ogp_id}/status-updates/  a status update (201): civil society's from an
  editor of a monitoring organisation, the government's self-assessment from a responsible official
  of a lead organisation (the voice comes from the role, never from the request)
- GET, PATCH /api/v1/milestones/{id}/                 a milestone, for plan administrators

Updates need `If-Match` with the record's ETag: 428 without it, 412 when the record changed since
(the body says what changed and by whom). Every write goes through the service or
`commitments.versioning.update_versioned` the web app uses, so history records who did it. What
the services refuse (Django's PermissionDenied and ValidationError, StaleVersion) is answered by the
API's one exception handler, `ogptracker.api_errors`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, serializers, status
from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.exceptions import (
    APIException,
    MethodNotAllowed,
    PermissionDenied,
    ValidationError,
)
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from commitments.api.serializers import ErrorSerializer
from commitments.evidence.files import check_evidence_uploads
from commitments.forms import MAX_FILES, MAX_LINKS
from commitments.models import Commitment, Milestone, StatusEvidence, StatusUpdate
from commitments.models.vocab import AS_OF_IN_FUTURE, SELF_REPORTED_LEVELS, past_date_problem
from commitments.permissions import reporting_voice
from commitments.reports.api.serializers import WebLinkField
from commitments.services import NOT_REPORTER, EvidenceFile, record_status_update
from commitments.versioning import etag_for, update_versioned, version_from_etag

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description=_("The ETag of the version you edited, from a GET of this record."),
)


class PreconditionRequired(APIException):
    status_code = 428
    default_detail = _(
        "Send If-Match with the ETag of the version you edited (GET the record to read it)."
    )
    default_code = "precondition_required"


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("The record changed since the version you edited.")
    default_code = "precondition_failed"


def error(description: str) -> OpenApiResponse:
    return OpenApiResponse(response=ErrorSerializer, description=description)


FIELD_ERRORS = OpenApiResponse(
    response=OpenApiTypes.OBJECT, description=_("Field errors: {field: [messages]}")
)
READ_ERRORS = {
    401: error(_("A token was sent but is not valid")),
    404: error(_("No such record")),
    429: error(_("Too many requests")),
}
WRITE_ERRORS = {
    400: FIELD_ERRORS,
    401: error(_("Not authenticated: send Authorization: Token <key>")),
    403: error(_("Not allowed")),
    404: error(_("No such record")),
    429: error(_("Too many requests")),
}


def upload_schema(
    *, summary: str, description: str, body: type[serializers.Serializer], created: type
) -> Callable:
    """The schema of a POST that records a report with its evidence: `body` as JSON or as a
    multipart form (with the file), `created` (the new report) on 201, the write errors."""
    return extend_schema(
        summary=summary,
        description=description,
        request={"application/json": body, "multipart/form-data": body},
        responses={201: created, **WRITE_ERRORS},
    )


class StaleSerializer(serializers.Serializer):
    detail = serializers.CharField()
    current_version = serializers.IntegerField()
    changed_by = serializers.CharField()
    changed_at = serializers.DateTimeField(allow_null=True)
    changes = serializers.ListField(child=serializers.DictField())


# Base of a POST from an account (token or session) that writes through one service; the service's
# refusals become 403 and 400 in the API's exception handler. (A comment, not a docstring: a view's
# docstring becomes its description in the schema.)
class ServiceCreateView(generics.GenericAPIView):
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    renderer_classes = [JSONRenderer]
    permission_classes = [IsAuthenticated]
    http_method_names = ["post", "options"]

    def validated(self, request: Request) -> dict[str, Any]:
        """The request's body as the view's serializer validates it; a 400 naming the fields
        otherwise."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @staticmethod
    def created(rows: Callable[[list[Any]], list[dict]], record: models.Model) -> Response:
        """201 with the new record's row, as its public list shows it (`rows`: the list's builder)."""
        return Response(rows([record.pk])[0], status=status.HTTP_201_CREATED)


class VersionedUpdateMixin:
    """GET returns the record's ETag; PATCH applies a change only over the version If-Match names."""

    request: Request

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        # Reading is public: a method the view does not serve (TRACE) is a 405 for everyone, before
        # the write permission would ask for credentials (401).
        if request.method.lower() not in self.http_method_names:  # type: ignore[attr-defined]
            raise MethodNotAllowed(request.method)
        super().initial(request, *args, **kwargs)  # type: ignore[misc]

    def expected_version(self, instance: models.Model) -> int:
        header = self.request.headers.get("If-Match", "").strip()
        if not header or header == "*":
            raise PreconditionRequired()
        for tag in header.split(","):
            version = version_from_etag(type(instance), instance.pk, tag)
            if version is not None:
                return version
        # A tag for another record, or a weak one: it cannot name this record's version.
        return 0

    def with_etag(self, response: Response, instance: models.Model) -> Response:
        response["ETag"] = etag_for(instance)
        return response


def versioned_schema(
    serializer: type[serializers.Serializer],
    *,
    read: tuple[str, str],
    update: tuple[str, str],
) -> Callable[[type], type]:
    """The schema of a `VersionedDetailView`: GET (`read`: summary, description) answers
    `serializer` with the ETag; PATCH (`update`) needs If-Match, 412 when stale, 428 without."""
    return extend_schema_view(
        get=extend_schema(
            summary=read[0], description=read[1], responses={200: serializer, **READ_ERRORS}
        ),
        patch=extend_schema(
            summary=update[0],
            description=update[1],
            parameters=[IF_MATCH],
            responses={
                200: serializer,
                **WRITE_ERRORS,
                412: StaleSerializer,
                428: error(_("If-Match missing")),
            },
        ),
    )


# Base of a record read with its ETag and changed by PATCH over the version If-Match names (token
# or session, JSON); `save_change` writes the change through the subclass's service. (A comment,
# not a docstring: a view's docstring becomes its description in the schema.)
class VersionedDetailView(VersionedUpdateMixin, generics.RetrieveUpdateAPIView):
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    renderer_classes = [JSONRenderer]
    http_method_names = ["get", "patch", "head", "options"]

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        return self.with_etag(Response(self.get_serializer(instance).data), instance)

    def check_may_change(self, instance: models.Model) -> None:
        """Refuse (PermissionDenied) a user who may read the record but not change it."""

    def save_change(
        self, instance: models.Model, changes: dict[str, Any], expected_version: int
    ) -> models.Model:
        """Write `changes` over `expected_version`; the record as it is now."""
        raise NotImplementedError

    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        self.check_may_change(instance)
        expected = self.expected_version(instance)
        serializer = self.get_serializer(instance, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        updated = self.save_change(instance, serializer.validated_data, expected)
        return self.with_etag(Response(self.get_serializer(updated).data), updated)


class CanChangeMilestones(BasePermission):
    """Anyone may read a milestone; only users with the change permission may edit it."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in SAFE_METHODS:
            return True
        user = request.user
        return bool(user and user.is_authenticated and user.is_active) and user.has_perm(
            "commitments.change_milestone"
        )


class MilestoneWriteSerializer(serializers.ModelSerializer):
    commitment = serializers.SlugRelatedField(slug_field="ogp_id", read_only=True)

    class Meta:
        model = Milestone
        fields = ["id", "commitment", "title", "due_date", "status", "met_on", "version"]
        read_only_fields = ["id", "commitment", "version"]

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        # The model's constraint, checked on the merged record so a partial update gets a 400.
        status_value = attrs.get("status", getattr(self.instance, "status", None))
        met_on = attrs.get("met_on", getattr(self.instance, "met_on", None))
        if met_on is not None and status_value not in {"met", "partially_met"}:
            raise ValidationError(
                {"met_on": [_("A date met only goes with a met or partially met milestone.")]}
            )
        return attrs


@versioned_schema(
    MilestoneWriteSerializer,
    read=(
        _("A milestone, with its ETag"),
        _(
            "A milestone with its ETag, to send back in If-Match when you update it. Needs a "
            "token with the permission to change milestones."
        ),
    ),
    update=(
        _("Update a milestone"),
        _(
            "Change a milestone's fields. Send the ETag you read in If-Match: if someone changed "
            "the milestone since, the answer is 412 with the current version."
        ),
    ),
)
class MilestoneDetail(VersionedDetailView):
    """A milestone. PATCH needs If-Match and the commitments.change_milestone permission."""

    queryset = Milestone.objects.select_related("commitment")
    serializer_class = MilestoneWriteSerializer
    permission_classes = [CanChangeMilestones]

    def save_change(
        self, instance: models.Model, changes: dict[str, Any], expected_version: int
    ) -> models.Model:
        return update_versioned(
            Milestone,
            instance.pk,
            expected_version=expected_version,
            changes=changes,
            user=self.request.user,
        )


class EvidenceSerializer(serializers.ModelSerializer):
    file_url = serializers.SerializerMethodField(
        help_text=_("The address of an uploaded file on this site (/evidence/<id>/), or null.")
    )
    file_name = serializers.CharField(source="original_name", read_only=True)

    class Meta:
        model = StatusEvidence
        fields = ["url", "file_url", "file_name", "content_type", "size"]
        read_only_fields = fields

    def get_file_url(self, evidence: StatusEvidence) -> str | None:
        return StatusEvidence.file_address(evidence.pk) if evidence.file else None


class StatusUpdateWriteSerializer(serializers.ModelSerializer):
    commitment = serializers.SlugRelatedField(slug_field="ogp_id", read_only=True)
    links = serializers.ListField(
        child=WebLinkField(max_length=1000),
        required=False,
        max_length=MAX_LINKS,
        write_only=True,
        help_text=_("Web addresses of the evidence, starting with http:// or https://."),
    )
    files = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        max_length=MAX_FILES,
        write_only=True,
        help_text=_("Evidence files (multipart): PDF, images or office documents."),
    )
    corrects = serializers.PrimaryKeyRelatedField(
        queryset=StatusUpdate.objects.none(), required=False, allow_null=True
    )
    # Prefetched by the view: no query per row.
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = StatusUpdate
        fields = [
            "id",
            "commitment",
            "voice",
            "completion",
            "as_of",
            "note",
            "links",
            "files",
            "corrects",
            "recorded_at",
            "evidence",
        ]
        read_only_fields = ["id", "commitment", "voice", "recorded_at", "evidence"]
        extra_kwargs = {
            "note": {"max_length": 5000},
            "completion": {"choices": [(level, level) for level in SELF_REPORTED_LEVELS]},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        commitment = self.context.get("commitment")
        voice = self.context.get("voice")
        if commitment is not None:
            self.fields["corrects"].queryset = commitment.status_updates.filter(voice=voice)

    def validate_as_of(self, value: Any) -> Any:
        if problem := past_date_problem(value, future=AS_OF_IN_FUTURE):
            raise ValidationError(problem)
        return value

    def validate_files(self, uploads: list[Any]) -> list[EvidenceFile]:
        return check_evidence_uploads(uploads)  # DRF turns its ValidationError into this field's

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("links") and not attrs.get("files"):
            raise ValidationError({"links": [_("Give at least one link or file as evidence.")]})
        return attrs


class StatusUpdateCreate(ServiceCreateView):
    """Post a status update: civil society's on a commitment your organisation monitors, or the
    government's self-assessment of one your organisation leads."""

    serializer_class = StatusUpdateWriteSerializer

    def get_serializer_context(self) -> dict[str, Any]:
        return {
            **super().get_serializer_context(),
            "commitment": getattr(self, "commitment", None),
            "voice": getattr(self, "voice", None),
        }

    @upload_schema(
        summary=_("Post a status update"),
        description=_(
            "Report the progress of a commitment your organisation monitors, with its evidence "
            "(a link or a file). A responsible official of an organisation that leads or co-leads "
            "the commitment records the government's self-assessment the same way: the voice "
            "(civil_society or government) comes from your role, never from the request. "
            "Updates are never edited: a correction is a newer update of the same voice."
        ),
        body=StatusUpdateWriteSerializer,
        created=StatusUpdateWriteSerializer,
    )
    def post(self, request: Request, ogp_id: str) -> Response:
        self.commitment = get_object_or_404(Commitment.objects.by_key(ogp_id))
        self.voice = reporting_voice(request.user, self.commitment)  # its corrections are its own
        if self.voice is None:
            raise PermissionDenied(NOT_REPORTER)
        data = self.validated(request)
        update = record_status_update(
            commitment=self.commitment,
            author=request.user,
            completion=data["completion"],
            as_of=data["as_of"],
            note=data.get("note", ""),
            links=data.get("links", []),
            files=data.get("files", []),
            corrects=data.get("corrects"),
        )
        update = StatusUpdate.objects.prefetch_related("evidence").get(pk=update.pk)
        return Response(
            StatusUpdateWriteSerializer(update, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )
