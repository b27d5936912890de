"""What the append-only dated reports share (outcome checks, milestone progress): the evidence, a
link or a file; the author and their organisation; the earlier report a correction names; when it
was recorded. A report is never edited or deleted: a newer one corrects it.

Status updates take the authorship columns, the order and the evidence extensions from here too,
indicator readings the authorship columns (under their own labels).

The shared columns are built by functions, not inherited from an abstract model, so each model keeps
its own related names, help texts and column order (and its migrations)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from pathlib import PurePath
from typing import Any, ClassVar, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .members import Organization

# The extension each accepted evidence type is stored and downloaded with: from the type detected
# in the file's bytes, never the uploader's name (a PDF named informe.html stays a .pdf).
EVIDENCE_EXTENSIONS: dict[str, str] = {
    "application/pdf": ".pdf",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.oasis.opendocument.spreadsheet": ".ods",
    "application/vnd.oasis.opendocument.presentation": ".odp",
    "application/msword": ".doc",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.ms-powerpoint": ".ppt",
}


def evidence_upload_path(folder: str, content_type: str) -> str:
    # As for status evidence: a random name, the extension of the type detected in the bytes.
    return f"evidence/{folder}/{uuid.uuid4().hex}{EVIDENCE_EXTENSIONS.get(content_type, '')}"


def evidence_fields(upload_to: Any) -> tuple[models.Field, ...]:
    """evidence_url, evidence_file, evidence_name, evidence_content_type, evidence_size."""
    return (
        models.URLField(_("evidence (link)"), max_length=1000, blank=True),
        models.FileField(_("evidence (file)"), upload_to=upload_to, blank=True),
        models.CharField(_("file name"), max_length=255, blank=True),
        models.CharField(max_length=100, blank=True),
        models.PositiveBigIntegerField(null=True, blank=True),
    )


def authorship_fields(
    related_name: str,
    corrects_help: Any = "",
    *,
    author_label: Any = None,
    organization_label: Any = None,
) -> tuple[models.Field, ...]:
    """author, author_organization, corrects (the earlier report of the same model), recorded_at;
    a model may name the first two its own way (an indicator reading is "reported by")."""
    if author_label is None:
        author_label = _("author")
    if organization_label is None:
        organization_label = _("author's organisation")
    return (
        models.ForeignKey(
            settings.AUTH_USER_MODEL,
            verbose_name=author_label,
            on_delete=models.PROTECT,
            related_name=related_name,
        ),
        models.ForeignKey(
            Organization,
            verbose_name=organization_label,
            on_delete=models.PROTECT,
            null=True,
            blank=True,
            related_name=related_name,
        ),
        models.ForeignKey(
            "self",
            verbose_name=_("corrects"),
            on_delete=models.PROTECT,
            null=True,
            blank=True,
            related_name="corrections",
            help_text=corrects_help,
        ),
        models.DateTimeField(_("recorded at"), auto_now_add=True, db_index=True),
    )


def chronological(date_field: str) -> list[str]:
    """The order of dated reports, oldest first: by the day they speak of, then by when they were
    recorded (of two reports on one day, the later recorded stands), then by id."""
    return [date_field, "recorded_at", "pk"]


def newest_first(date_field: str) -> list[str]:
    """`chronological`, reversed: the latest report first."""
    return [f"-{field}" for field in chronological(date_field)]


class ReportQuerySet(models.QuerySet):
    """What the QuerySets of dated reports share (their model's default order is `newest_first`)."""

    def latest_first(self) -> Self:
        """Newest first, the model's default order, whatever order was asked for before."""
        return self.order_by(*self.model._meta.ordering)

    def with_authors(self) -> Self:
        """With the author, their organisation and the report each corrects (one query)."""
        return self.select_related("author", "author_organization", "corrects")

    def standing(self) -> Self:
        """Reports no later report corrects: a corrected report was a mistake and counts on no
        day, even when its (wrong) date is later than its correction's."""
        corrected = self.model.objects.filter(corrects__isnull=False).values("corrects_id")
        return self.exclude(pk__in=corrected)


def standing(reports: Iterable[Any]) -> list[Any]:
    """`ReportQuerySet.standing` for reports already read (the list must hold the corrections
    too, as a page's whole history does): the same rule, without another query."""
    reports = list(reports)
    corrected = {report.corrects_id for report in reports if report.corrects_id}
    return [report for report in reports if report.pk not in corrected]


def evidence_required_unless(field: str, value: str, name: str) -> models.CheckConstraint:
    """Every report names its evidence, but those whose `field` is `value` (nothing found)."""
    return models.CheckConstraint(
        condition=Q(**{field: value}) | ~Q(evidence_url="") | ~Q(evidence_file=""),
        name=name,
        violation_error_message=_("Give a link or a file as evidence."),
    )


class DatedReport(models.Model):
    """Base of a dated report with evidence: the name its evidence file is downloaded under."""

    # The download name's stem when the upload had no name: "<stem>-<pk>".
    evidence_stem: ClassVar[str]

    class Meta:
        abstract = True

    @property
    def evidence_download_name(self) -> str:
        name = self.evidence_name
        stem = PurePath(name).stem if name else f"{self.evidence_stem}-{self.pk}"
        return stem + EVIDENCE_EXTENSIONS.get(self.evidence_content_type, "")
