"""Writes that touch several models. Admin, HTML views, the API and importers all call these."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .evidence.link_checks import links_to_check
from .models import Commitment, StatusEvidence, StatusUpdate
from .models.vocab import AS_OF_IN_FUTURE, SELF_REPORTED_LEVELS, Voice, past_date_problem
from .permissions import reporting_voice, user_organization
from .tasks import check_evidence_link, notify_status_update


def enqueue_after_commit(task: Any, *args: Any) -> None:
    """Send a Celery task once the transaction commits. A broker outage is logged (robust), never
    raised: the write is saved, and the nightly runs heal what a lost message missed."""

    def send() -> None:
        task.delay(*args)

    send.__qualname__ = f"send {task.name}"  # named in the log line if sending fails
    transaction.on_commit(send, robust=True)


def authorship_columns(author: Any, corrects: Any) -> dict[str, Any]:
    """Who wrote a new report (the user and, as of now, their organisation) and the earlier report
    it corrects, if any."""
    return {
        "author": author,
        "author_organization": user_organization(author),
        "corrects": corrects,
    }


NOT_REPORTER = gettext_lazy(
    "You may only report on commitments your organisation monitors, or, as a responsible "
    "official, on those it leads."
)


@dataclass(frozen=True)
class EvidenceFile:
    """An uploaded file already checked by the caller (type by content, size)."""

    upload: UploadedFile
    content_type: str


def record_status_update(
    *,
    commitment: Commitment,
    author,
    completion: str,
    as_of: datetime.date,
    note: str = "",
    links: Sequence[str] = (),
    files: Sequence[EvidenceFile] = (),
    corrects: StatusUpdate | None = None,
) -> StatusUpdate:
    """Append a status update with its evidence and refresh the commitment's cached current status of
    its voice, in one transaction. The voice comes from the author's role (`reporting_voice`): a
    responsible official of a lead organisation records the government's self-assessment, a
    civil-society editor civil society's. Raises PermissionDenied or ValidationError; writes
    nothing then."""
    voice = reporting_voice(author, commitment)
    if voice is None:
        raise PermissionDenied(NOT_REPORTER)
    errors: dict[str, list[str]] = {}
    if completion not in SELF_REPORTED_LEVELS:
        errors["completion"] = [_("Choose a completion level from the list.")]
    # A year typed short (0214) would stay for good: updates are never edited.
    if problem := past_date_problem(as_of, future=AS_OF_IN_FUTURE):
        errors["as_of"] = [problem]
    if corrects is not None and corrects.commitment_id != commitment.pk:
        errors["corrects"] = [_("A correction must be about the same commitment.")]
    elif corrects is not None and corrects.voice != voice:
        errors["corrects"] = [_("A correction must correct an update of the same voice.")]
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        # Lock the commitment so concurrent updates refresh its cached status one at a time.
        locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
        update = StatusUpdate.objects.create(
            commitment=locked,
            voice=voice,
            completion=completion,
            as_of=as_of,
            note=note,
            **authorship_columns(author, corrects),
        )
        evidence = StatusEvidence.objects.bulk_create(
            [StatusEvidence(status_update=update, url=url) for url in links]
            + [
                StatusEvidence(
                    status_update=update,
                    file=f.upload,
                    original_name=f.upload.name[:255],
                    content_type=f.content_type,
                    size=f.upload.size,
                )
                for f in files
            ]
        )
        checks = links_to_check(status_evidence=evidence)
        refresh_status(locked, voice)
        # After commit only: the emails must see the update, and a rollback sends none.
        enqueue_after_commit(notify_status_update, update.pk)
        for link in checks:
            enqueue_after_commit(check_evidence_link, link.pk)
    return update


# The cached (completion, as-of) fields of each voice on Commitment.
CACHED_STATUS_FIELDS: dict[str, tuple[str, str]] = {
    Voice.CIVIL_SOCIETY: ("self_reported_completion", "self_reported_as_of"),
    Voice.GOVERNMENT: ("government_completion", "government_as_of"),
}


def refresh_status(commitment: Commitment, voice: str) -> None:
    """Cache the latest standing status update of `voice` (by as-of date, then time recorded) on the
    commitment."""
    latest = (
        commitment.status_updates.filter(voice=voice)
        .standing()
        .latest_first()
        .values("completion", "as_of")
        .first()
    )
    completion_field, as_of_field = CACHED_STATUS_FIELDS[voice]
    Commitment.objects.filter(pk=commitment.pk).update(
        **{
            completion_field: latest["completion"] if latest else "",
            as_of_field: latest["as_of"] if latest else None,
        },
        updated_at=timezone.now(),
    )
