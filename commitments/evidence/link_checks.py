"""Evidence that lasts: each evidence link is checked after it is posted and then nightly; the page
says "checked on", "changed since it was posted" or "broken since". Fetching is
commitments.evidence.linkfetch."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from ..models import EvidenceLink, OutcomeCheck, StatusEvidence
from .linkfetch import Fetched, Limits, fetch


def limits() -> Limits:
    return Limits(
        allow_private=settings.EVIDENCE_LINK_ALLOW_PRIVATE,
        timeout=float(settings.EVIDENCE_LINK_TIMEOUT_SECONDS),
        max_bytes=settings.EVIDENCE_LINK_MAX_BYTES,
        keep_bytes=settings.EVIDENCE_LINK_COPY_MAX_BYTES,
    )


def ensure_links() -> int:
    """A check row for every evidence link that has none (older evidence, a lost message)."""
    rows = [
        EvidenceLink(status_evidence_id=pk, url=url)
        for pk, url in StatusEvidence.objects.exclude(url="")
        .filter(link_check__isnull=True)
        .values_list("pk", "url")
    ] + [
        EvidenceLink(outcome_check_id=pk, url=url)
        for pk, url in OutcomeCheck.objects.exclude(evidence_url="")
        .filter(link_check__isnull=True)
        .values_list("pk", "evidence_url")
    ]
    EvidenceLink.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def due_link_ids(now: datetime.datetime | None = None) -> list[int]:
    """Links not checked within EVIDENCE_LINK_RECHECK_HOURS (a little under a day by default)."""
    now = now or timezone.now()
    before = now - datetime.timedelta(hours=settings.EVIDENCE_LINK_RECHECK_HOURS)
    return list(EvidenceLink.objects.due(before).order_by("pk").values_list("pk", flat=True))


def check_link(link_id: int) -> Fetched | None:
    """Fetch one link and record what was seen; None if the link is gone or checks are off."""
    link = EvidenceLink.objects.filter(pk=link_id).first()
    if link is None or not settings.EVIDENCE_LINK_CHECKS:
        return None
    fetched = fetch(link.url, limits())
    record_check(link, fetched, now=timezone.now())
    return fetched


def record_check(link: EvidenceLink, fetched: Fetched, *, now: datetime.datetime) -> None:
    """Write a check in one conditional UPDATE: safe to repeat and to race. The first answer's hash is
    the one "changed" compares with; "broken since" keeps the first failure's time until it works."""
    fields: dict = {
        "checked_at": now,
        "status_code": fetched.status,
        "final_url": fetched.final_url[:2000],
        "content_type": fetched.content_type,
        "size": fetched.size,
        "truncated": fetched.truncated,
        "sha256": fetched.sha256,
        "elapsed_ms": fetched.elapsed_ms,
        "error": fetched.error[:300],
    }
    if fetched.ok:
        sha = fetched.sha256
        fields["broken_since"] = None
        fields["first_sha256"] = Case(
            When(first_sha256="", then=Value(sha)), default=F("first_sha256")
        )
        fields["changed_at"] = Case(
            When(Q(first_sha256="") | Q(first_sha256=sha), then=Value(None)),
            When(changed_at__isnull=True, then=Value(now)),
            default=F("changed_at"),
        )
        if fetched.body:
            fields["copy"] = _store_copy(sha, fetched.body)
    else:
        fields["broken_since"] = Case(
            When(broken_since__isnull=True, then=Value(now)), default=F("broken_since")
        )
    EvidenceLink.objects.filter(pk=link.pk).update(**fields)


def _store_copy(sha: str, body: bytes) -> str:
    name = f"evidence/links/{sha}"
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(body))
    return name


def links_to_check(
    *, status_evidence: list[StatusEvidence] = (), outcome_check: OutcomeCheck | None = None
) -> list[EvidenceLink]:
    """Check rows for just-posted evidence links (inside the poster's transaction)."""
    rows = [EvidenceLink(status_evidence=e, url=e.url) for e in status_evidence if e.url]
    if outcome_check is not None and outcome_check.evidence_url:
        rows.append(EvidenceLink(outcome_check=outcome_check, url=outcome_check.evidence_url))
    return EvidenceLink.objects.bulk_create(rows)
