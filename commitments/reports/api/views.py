"""What the API of dated reports shares (outcome checks, commitments.outcomes.api.views; milestone
progress, commitments.progress.api): the rows' common columns, the public list, and the POST that
records a report through its service. The shapes are in commitments.reports.api.serializers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import F, Model, QuerySet
from django.urls import reverse
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import Serializer

from ...api.base import ByPkViewSet, columns_of, in_order
from ...api.write import ServiceCreateView

# The columns every report's row ends with (serializers.report_columns) whose lookup is not
# their own name.
REPORT_LOOKUPS = {
    "evidence_file_name": "evidence_name",
    "reported_by": "author_organization__slug",
}


class ReportRows:
    """The rows of one kind of report by id, in the order asked (one query): the columns its
    serializer declares, `lookups` naming the paths of its own (the report columns' are known),
    and the evidence file as the address `evidence_view` serves it at. The list and the POST's
    answer both use it."""

    def __init__(
        self, model: type[Model], serializer: type[Serializer], evidence_view: str, **lookups: str
    ) -> None:
        self.model, self.evidence_view = model, evidence_view
        self.columns = columns_of(serializer, computed=("id",), **REPORT_LOOKUPS, **lookups)

    def __call__(self, ids: Sequence[Any]) -> list[dict]:
        found = self.model._default_manager.filter(pk__in=ids)
        rows = []
        for pk, *values in found.values_list("pk", *self.columns.values()):
            row = {"_pk": pk, "id": pk, **dict(zip(self.columns, values, strict=True))}
            evidence = reverse(self.evidence_view, args=[pk]) if row["evidence_file"] else None
            row["evidence_file"] = evidence
            rows.append(row)
        return in_order(ids, rows)


class ReportViewSet(ByPkViewSet):
    """A public list of append-only records (reports, readings), by id."""

    def get_queryset(self) -> QuerySet:
        # Reports are never edited: the time recorded is when they last changed.
        return self.model._default_manager.annotate(updated_at=F("recorded_at"))


# Base of the POST that records a report: the subclass's `post` finds what the report is about,
# checks who may write it, sets `reports` (those a correction may name) and calls `record`.
class ReportCreate(ServiceCreateView):
    reports: Any = None

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "reports": self.reports}

    def record(
        self,
        request: Request,
        service: Callable[..., Any],
        rows: Callable[[Sequence[Any]], list[dict]],
        **scope: Any,
    ) -> Response:
        """Validate the body, write through `service` (with `scope`, what the report is about) as
        the form does, and answer the new report's row."""
        report = service(**scope, author=request.user, **self.validated(request))
        return self.created(rows, report)
