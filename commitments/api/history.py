"""GET /api/v1/commitments/{ogp_id}/changes/: the public change history of a commitment."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response

from commitments.api.base import PublicReadOnlyMixin
from commitments.api.pagination import IdPagination
from commitments.api.views import ERRORS, CommitmentViewSet
from commitments.audit import commitment_changes
from commitments.models import Commitment


class FieldChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    label = serializers.CharField()
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)
    old_display = serializers.CharField(help_text=_("The old value as a person reads it."))
    new_display = serializers.CharField()
    added = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text=_(
            "Only on a change of links (organisations, policy areas): the names added; old and "
            "new are then lists of ids."
        ),
    )
    removed = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        help_text=_("Only on a change of links: the names removed."),
    )


class ChangeSerializer(serializers.Serializer):
    record_type = serializers.ChoiceField(choices=["commitment", "milestone"])
    record_id = serializers.IntegerField()
    record = serializers.CharField()
    action = serializers.ChoiceField(choices=["created", "changed", "deleted"])
    at = serializers.DateTimeField()
    by = serializers.CharField(help_text=_("The person's name (never their e-mail address)."))
    by_organization = serializers.CharField(allow_blank=True)
    version = serializers.IntegerField()
    changes = FieldChangeSerializer(many=True)


class ChangePagination(IdPagination):
    """The API's pagination, at most 200 changes or source rows a page."""

    max_page_size = 200


def record_list(summary: str, description: str) -> Callable[[type], type]:
    """A `CommitmentRecordList`'s GET in the schema: summary, description, its rows in the
    columns of its `serializer_class`, and the errors."""

    def document(view: type) -> type:
        return extend_schema_view(
            get=extend_schema(
                summary=summary,
                description=description,
                responses={200: view.serializer_class(many=True), **ERRORS},
            )
        )(view)

    return document


class CommitmentRecordList(PublicReadOnlyMixin, generics.GenericAPIView):
    """Base of a public, paginated list about one commitment (its changes, its source rows): JSON
    or CSV like every public list (errors always JSON), in the columns of `serializer_class`. A
    subclass gives the commitment's `records` and the `page_rows` of a page of them."""

    authentication_classes: list = []
    pagination_class = ChangePagination

    def get_csv_serializer_class(self) -> type:
        return self.serializer_class

    def records(self, commitment: Commitment) -> Any:
        raise NotImplementedError

    def page_rows(self, page: list) -> list[dict[str, Any]]:
        raise NotImplementedError

    def get(self, request: Request, ogp_id: str) -> Response:
        # An OGP id typed in lower case (pe0008) finds its commitment, and an unknown one gets the
        # same 404 as on the commitment's own endpoint.
        commitment = Commitment.objects.by_key(ogp_id).first()
        if commitment is None:
            raise NotFound(str(CommitmentViewSet.not_found_message) % {"id": ogp_id[:40]})
        page = self.paginate_queryset(self.records(commitment))
        return self.get_paginated_response(self.page_rows(page))


@record_list(
    _("Change history of a commitment"),
    _("Who changed what on a commitment and its milestones, newest first; JSON or CSV."),
)
class CommitmentChanges(CommitmentRecordList):
    """Who changed what on a commitment and its milestones, newest first."""

    queryset = Commitment.objects.none()  # for the schema only: the view reads the history
    serializer_class = ChangeSerializer

    def records(self, commitment: Commitment) -> list:
        return commitment_changes(commitment)

    def page_rows(self, page: list) -> list[dict[str, Any]]:
        return [entry.as_dict() for entry in page]
