"""Evidence files: the one set of rules for what is accepted (size, type read from the bytes) and how
a stored file is served back (never as HTML). Status updates, outcome checks and milestone progress,
through the web forms, the API and the admin alike, use these."""

from __future__ import annotations

from collections.abc import Iterable

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from ..services import EvidenceFile

# Content types accepted as evidence, detected from the file's bytes (never from its name).
EVIDENCE_TYPES: dict[str, str] = {
    "application/pdf": "PDF",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "image/gif": "GIF",
    "image/webp": "WebP",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (docx)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel (xlsx)",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint (pptx)",
    "application/vnd.oasis.opendocument.text": "OpenDocument (odt)",
    "application/vnd.oasis.opendocument.spreadsheet": "OpenDocument (ods)",
    "application/vnd.oasis.opendocument.presentation": "OpenDocument (odp)",
    "application/msword": "Word (doc)",
    "application/vnd.ms-excel": "Excel (xls)",
    "application/vnd.ms-powerpoint": "PowerPoint (ppt)",
}


def detect_evidence_type(upload: UploadedFile) -> str | None:
    """The content type of an upload from its first bytes, if it is one we accept."""
    kind = filetype.guess(upload)
    upload.seek(0)
    if kind is None or kind.mime not in EVIDENCE_TYPES:
        return None
    return kind.mime


def too_large(name: str) -> str:
    """What a reader is told of a file over the size limit, on the server and in the browser."""
    limit = filesizeformat(settings.EVIDENCE_MAX_BYTES)
    return _("%(name)s is larger than %(limit)s.") % {"name": name, "limit": limit}


def check_evidence_upload(upload: UploadedFile) -> EvidenceFile:
    """One file checked: size first, then its type read from its bytes."""
    if upload.size > settings.EVIDENCE_MAX_BYTES:
        raise ValidationError(too_large(upload.name), code="too_large")
    content_type = detect_evidence_type(upload)
    if content_type is None:
        raise ValidationError(
            _(
                "%(name)s is not a PDF, an image or an office document "
                "(the type is checked from the file's content)."
            )
            % {"name": upload.name},
            code="file_type",
        )
    return EvidenceFile(upload=upload, content_type=content_type)


def check_evidence_uploads(uploads: Iterable[UploadedFile]) -> list[EvidenceFile]:
    """Every file checked; one error per refused file, all reported together."""
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append(check_evidence_upload(upload))
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    return checked


def evidence_response(file: FieldFile, content_type: str, filename: str) -> FileResponse:
    """A stored evidence file with the type detected at upload, sandboxed; images inline, the rest
    downloaded."""
    if content_type not in EVIDENCE_TYPES:
        content_type = "application/octet-stream"
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        raise Http404(_("This file is no longer available.")) from None
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=not content_type.startswith("image/"),
        filename=filename,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response
