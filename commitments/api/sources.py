"""GET /api/v1/commitments/{ogp_id}/sources/: every imported row a commitment came from, as it
arrived (file, checksum, row, time, cells). JSON or CSV like every public list."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from commitments.api.history import CommitmentRecordList
from commitments.api.views import ERRORS
from commitments.models import Commitment, SourceRecord


class SourceRecordSerializer(serializers.ModelSerializer):
    cells = serializers.JSONField(help_text=_("The row's non-empty cells, by column name."))

    class Meta:
        model = SourceRecord
        fields = ["file_name", "sha256", "file_format", "row", "imported_at", "cells"]


class CommitmentSources(CommitmentRecordList):
    """The rows of the imported files a commitment came from, the latest import first."""

    queryset = SourceRecord.objects.none()  # for the schema; the view filters by commitment
    serializer_class = SourceRecordSerializer

    @extend_schema(
        summary=_("Source rows of a commitment"),
        description=_(
            "The rows of the imported files a commitment came from, the latest import first."
        ),
        responses={
            200: SourceRecordSerializer(many=True),
            **ERRORS,
        },
    )
    def get(self, request: Request, ogp_id: str) -> Response:
        commitment = get_object_or_404(Commitment, ogp_id=ogp_id.upper())
        page = self.paginate_queryset(SourceRecord.objects.for_commitment(commitment))
        return self.get_paginated_response(list(SourceRecordSerializer(page, many=True).data))
