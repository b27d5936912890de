"""GET /api/v1/commitments/{ogp_id}/sources/: every imported row a commitment came from, as it
arrived (file, checksum, row, time, cells). JSON or CSV like every public list."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from commitments.api.history import CommitmentRecordList, record_list
from commitments.models import Commitment, SourceRecord


class SourceRecordSerializer(serializers.ModelSerializer):
    cells = serializers.JSONField(help_text=_("The row's non-empty cells, by column name."))

    class Meta:
        model = SourceRecord
        fields = ["file_name", "sha256", "file_format", "row", "imported_at", "cells"]


@record_list(
    _("Source rows of a commitment"),
    _("The rows of the imported files a commitment came from, the latest import first."),
)
class CommitmentSources(CommitmentRecordList):
    """The rows of the imported files a commitment came from, the latest import first."""

    queryset = SourceRecord.objects.none()  # for the schema; the view filters by commitment
    serializer_class = SourceRecordSerializer

    def records(self, commitment: Commitment) -> QuerySet:
        return SourceRecord.objects.for_commitment(commitment)

    def page_rows(self, page: list) -> list[dict[str, Any]]:
        return list(SourceRecordSerializer(page, many=True).data)
