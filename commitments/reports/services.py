"""The checks and columns that the services of dated reports share (outcome checks,
commitments.outcomes.services; milestone progress, commitments.progress.services): the date, the
evidence, the report corrected, and the evidence columns written. Each service keeps its own rules
and messages. Indicator readings (commitments.accountability.services) check their link and
correction here too."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Model
from django.utils.translation import gettext as _

from ..services import EvidenceFile


def evidence_problem(
    evidence_url: str, evidence_file: EvidenceFile | None, *, required: bool, missing: str
) -> str | None:
    """What is wrong with a report's evidence, if anything: `missing` when it is `required` and
    neither a link nor a file was given."""
    if not evidence_url:
        return missing if required and evidence_file is None else None
    if len(evidence_url) > 1000:
        return _("A link may be at most 1000 characters long.")
    try:
        URLValidator(schemes=["http", "https"])(evidence_url)
    except ValidationError:
        return _("Enter a link starting with http:// or https://.")
    return None


def evidence_columns(evidence_url: str, evidence_file: EvidenceFile | None) -> dict[str, Any]:
    """The evidence columns of a new report, the file's as uploaded and detected."""
    upload = evidence_file.upload if evidence_file else None
    return {
        "evidence_url": evidence_url,
        "evidence_file": upload or "",
        "evidence_name": upload.name[:255] if upload else "",
        "evidence_content_type": evidence_file.content_type if evidence_file else "",
        "evidence_size": upload.size if upload else None,
    }


@dataclass(frozen=True)
class ReportChecks:
    """A kind of report's last checks, declared once by its service with its own messages: the
    evidence, which is `missing` unless the report's level is `optional` (never required where
    `missing` is empty), and the report it corrects, which must be about the same record (`about`
    names the report's foreign key to it; `other` says it is not)."""

    about: str
    other: Any
    missing: Any = ""
    optional: str | None = None

    def refuse(
        self,
        errors: dict[str, list[str]],
        corrects: Model | None,
        record: Model,
        evidence_url: str,
        evidence_file: EvidenceFile | None,
        level: str | None = None,
    ) -> None:
        """Raise ValidationError with `errors` and these checks' problems, if there are any."""
        required = bool(self.missing) and level != self.optional
        if problem := evidence_problem(
            evidence_url, evidence_file, required=required, missing=str(self.missing)
        ):
            errors["evidence_url"] = [problem]
        if corrects is not None and getattr(corrects, f"{self.about}_id") != record.pk:
            errors["corrects"] = [str(self.other)]
        if errors:
            raise ValidationError(errors)
