"""Evidence that lasts: each evidence link is checked after it is posted and then nightly; the page
says "checked on", "changed since it was posted", "could not be checked on" or "broken since".
Each change of what the checks see is kept (`LinkCheckResult`, one row per change, counting the
checks that saw it). Fetching is commitments.evidence.linkfetch."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Case, F, PositiveSmallIntegerField, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from ..models import CheckOutcome, EvidenceLink, LinkCheckResult, OutcomeCheck, StatusEvidence
from .linkfetch import Failure, Fetched, Limits, fetch

# Answers that say nothing about the page: the checker is refused or rate-limited.
NOT_ABOUT_THE_PAGE = frozenset({401, 403, 429})
# Failures that are about the link itself, whoever fetches it and whenever.
DEFINITE_FAILURES = frozenset({Failure.INVALID, Failure.SCHEME})
# A failure within this time of the link's previous check is the same check delivered again (a
# redelivered task, a link queued twice): it does not count toward "broken" a second time.
SAME_CHECK_WITHIN = datetime.timedelta(hours=1)


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


def outcome_of(fetched: Fetched) -> CheckOutcome:
    """A definite "not there" from the server (a 4xx but 401/403/429, after redirects) or a link no
    one could fetch is broken; no answer, a 5xx or a refusal of the checker says nothing yet."""
    if fetched.ok:
        return CheckOutcome.OK
    if fetched.error_code:
        definite = fetched.error_code in DEFINITE_FAILURES
    else:
        definite = 400 <= fetched.status < 500 and fetched.status not in NOT_ABOUT_THE_PAGE
    return CheckOutcome.BROKEN if definite else CheckOutcome.UNREACHABLE


def broken_by_now(now: datetime.datetime) -> Q:
    """A link not reachable is broken once this check makes EVIDENCE_LINK_BROKEN_AFTER_CHECKS failures
    in a row, the first at least EVIDENCE_LINK_BROKEN_AFTER_DAYS ago (over the columns before it)."""
    enough = Q(failed_checks__gte=settings.EVIDENCE_LINK_BROKEN_AFTER_CHECKS - 1)
    days = settings.EVIDENCE_LINK_BROKEN_AFTER_DAYS
    if days == 0:
        return enough
    return enough & Q(unreachable_since__lte=now - datetime.timedelta(days=days))


def record_check(link: EvidenceLink, fetched: Fetched, *, now: datetime.datetime) -> None:
    """Keep the check's result and sum it up on the link in one conditional UPDATE: safe to repeat
    and to race. The first answer's hash is the one "changed" compares with; a failure starts
    "failing since"; "broken since" is that first failure's time, once the failures are definite
    (`outcome_of`, `broken_by_now`), until the link answers again."""
    outcome = outcome_of(fetched)
    fields: dict = {
        "checked_at": now,
        "status_code": fetched.status,
        "final_url": fetched.final_url[:2000],
        "content_type": fetched.content_type,
        "size": fetched.size,
        "truncated": fetched.truncated,
        "sha256": fetched.sha256,
        "elapsed_ms": fetched.elapsed_ms,
        "error_code": fetched.error_code,
        "error": fetched.error[:300],
    }
    if outcome == CheckOutcome.OK:
        sha = fetched.sha256
        fields["broken_since"] = None
        fields["unreachable_since"] = None
        fields["failed_checks"] = 0
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
        failing_since = Coalesce(F("unreachable_since"), Value(now))
        fields["unreachable_since"] = failing_since
        # Decided in the UPDATE itself, on the row's previous check, so that racing deliveries
        # count once too. The first failure after an answer always counts.
        fields["failed_checks"] = Case(
            When(
                Q(failed_checks=0)
                | Q(checked_at__isnull=True)
                | Q(checked_at__lte=now - SAME_CHECK_WITHIN),
                then=F("failed_checks") + 1,
            ),
            default=F("failed_checks"),
            output_field=PositiveSmallIntegerField(),
        )
        if outcome == CheckOutcome.BROKEN:
            fields["broken_since"] = Coalesce(F("broken_since"), failing_since)
        else:
            fields["broken_since"] = Case(
                When(broken_since__isnull=False, then=F("broken_since")),
                When(broken_by_now(now), then=failing_since),
                default=Value(None),
            )
    # What tells one check from another; the time taken and the error's wording do not.
    seen = {
        "outcome": outcome,
        "status_code": fetched.status,
        "final_url": fields["final_url"],
        "sha256": fetched.sha256,
        "error_code": fetched.error_code,
    }
    with transaction.atomic():
        # The link's row stays locked by this UPDATE until commit: a racing delivery of the same
        # link waits here, then finds the history row this one wrote.
        EvidenceLink.objects.filter(pk=link.pk).update(**fields)
        _add_to_history(link, seen, now=now, elapsed_ms=fetched.elapsed_ms, error=fields["error"])


def _add_to_history(
    link: EvidenceLink, seen: dict, *, now: datetime.datetime, elapsed_ms: int, error: str
) -> None:
    """Count the check on the link's latest history row if that row saw the same, in one
    conditional UPDATE; otherwise start a row: the history keeps each change, not each night."""
    latest = LinkCheckResult.objects.filter(link=link).order_by("-checked_at", "-pk")[:1]
    repeated = LinkCheckResult.objects.filter(pk=Subquery(latest.values("pk")), **seen).update(
        last_seen_at=Greatest(F("last_seen_at"), Value(now)), checks=F("checks") + 1
    )
    if not repeated:
        LinkCheckResult.objects.create(
            link=link, checked_at=now, last_seen_at=now, elapsed_ms=elapsed_ms, error=error, **seen
        )


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
