"""Milestone progress: who may report it and the one entry point that writes it.

Reports follow the rules of status updates: append-only (a correction is a newer report naming the
one it corrects), by a civil-society editor of an organisation monitoring the commitment, with that
editor's organisation recorded, evidence checked by commitments.evidence.files. The web form and the write
API call `record_milestone_progress`."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import Commitment, Milestone, MilestoneProgress, ProgressLevel
from ..models.vocab import AS_OF_IN_FUTURE, past_date_problem
from ..permissions import can_report_on
from ..reports.services import ReportChecks, evidence_columns
from ..services import EvidenceFile, authorship_columns

CHECKS = ReportChecks(
    about="milestone",
    missing=gettext_lazy("Give a link or a file as evidence (only “not met” may have none)."),
    optional=ProgressLevel.NOT_MET,
    other=gettext_lazy("A correction must be about the same milestone."),
)


def can_report_progress_on(user, commitment: Commitment) -> bool:
    """Whoever may post status updates on the commitment (an active editor of an organisation
    monitoring it), with the role's permission for milestone reports."""
    return user.has_perm("commitments.add_milestoneprogress") and can_report_on(user, commitment)


def can_report_progress(user, milestone: Milestone) -> bool:
    return can_report_progress_on(user, milestone.commitment)


def not_allowed_message() -> str:
    return _("You may only report on milestones of commitments your organisation monitors.")


def record_milestone_progress(
    *,
    milestone: Milestone,
    author,
    level: str,
    reported_on: datetime.date,
    note: str = "",
    evidence_url: str = "",
    evidence_file: EvidenceFile | None = None,
    corrects: MilestoneProgress | None = None,
) -> MilestoneProgress:
    """Append a progress report on a milestone. Raises PermissionDenied or ValidationError; writes
    nothing then."""
    if not can_report_progress(author, milestone):
        raise PermissionDenied(not_allowed_message())
    errors: dict[str, list[str]] = {}
    if level not in ProgressLevel.values:
        errors["level"] = [_("Choose met, partially met or not met.")]
    if problem := past_date_problem(reported_on, future=AS_OF_IN_FUTURE):
        errors["reported_on"] = [problem]
    CHECKS.refuse(errors, corrects, milestone, evidence_url, evidence_file, level)

    with transaction.atomic():
        return MilestoneProgress.objects.create(
            milestone=milestone,
            level=level,
            reported_on=reported_on,
            note=note,
            **evidence_columns(evidence_url, evidence_file),
            **authorship_columns(author, corrects),
        )
