"""Existing link checks read the new way: each row's error text becomes a code with its detail, a
"broken since" that came from no answer (a network failure, a 5xx, 401/403/429) becomes "failing
since" (not reachable, not yet broken), and each row's last check is kept as the first history row."""

from __future__ import annotations

import re

from django.db import migrations

# The texts linkfetch wrote before the codes: (pattern, code); the detail is what the pattern keeps,
# written as linkfetch now writes it. Old texts were cut at 300 characters, so a closing ")" is
# optional.
OLD_ERRORS = [
    (r"^not a valid address$", "invalid"),
    (r"^the link has no host$", "invalid"),
    (r"^only http and https links are checked, not (.*)$", "scheme"),
    (r"^the host name does not resolve(?: \((.*?)\)?)?$", "dns"),
    (r"^(.*) is a private, local or reserved address \((.*?)\)?$", "private"),
    (r"^(more than \d+) redirects$", "redirects"),
    (r"^took too long$", "timeout"),
    (r"^no answer: (\w*SSL\w*|\w*Certificate\w*)$", "tls"),
    (r"^no answer: (\w*Timeout\w*)$", "timeout"),
    (r"^no answer: (.*)$", "connection"),
]
DEFINITE_CODES = {"invalid", "scheme"}
NOT_ABOUT_THE_PAGE = {401, 403, 429}


def code_of(error: str) -> tuple[str, str]:
    for pattern, code in OLD_ERRORS:
        match = re.match(pattern, error)
        if match:
            return code, ": ".join(part for part in match.groups() if part)
    return ("connection", error) if error else ("", "")


def outcome_of(status: int | None, code: str) -> str:
    if code:
        return "broken" if code in DEFINITE_CODES else "unreachable"
    if status is None or status >= 500 or status in NOT_ABOUT_THE_PAGE:
        return "unreachable"
    return "ok" if status < 400 else "broken"


def forwards(apps, schema_editor) -> None:
    EvidenceLink = apps.get_model("commitments", "EvidenceLink")
    LinkCheckResult = apps.get_model("commitments", "LinkCheckResult")
    results = []
    for link in EvidenceLink.objects.filter(checked_at__isnull=False).iterator():
        link.error_code, detail = code_of(link.error)
        link.error = detail[:300]
        outcome = outcome_of(link.status_code, link.error_code)
        if outcome != "ok":
            # One failure is known (the last); its start is the old "broken since".
            link.unreachable_since = link.broken_since or link.checked_at
            link.failed_checks = 1
            if outcome == "unreachable":
                link.broken_since = None
        link.save(
            update_fields=[
                "error_code",
                "error",
                "unreachable_since",
                "failed_checks",
                "broken_since",
            ]
        )
        row = LinkCheckResult(
            link=link,
            checked_at=link.checked_at,
            outcome=outcome,
            status_code=link.status_code,
            final_url=link.final_url,
            sha256=link.sha256,
            elapsed_ms=link.elapsed_ms,
            error_code=link.error_code,
            error=link.error,
        )
        if hasattr(row, "last_seen_at"):
            # Today's model (0033), which tests/commitments/test_old_*.py run this against.
            row.last_seen_at = row.checked_at
        results.append(row)
    LinkCheckResult.objects.bulk_create(results, batch_size=1000)


def backwards(apps, schema_editor) -> None:
    # The old columns: "broken since" for any failure, the error as one English text.
    EvidenceLink = apps.get_model("commitments", "EvidenceLink")
    for link in EvidenceLink.objects.exclude(unreachable_since=None).iterator():
        link.broken_since = link.broken_since or link.unreachable_since
        link.save(update_fields=["broken_since"])
    for link in EvidenceLink.objects.exclude(error_code="").iterator():
        link.error = f"{link.error_code}: {link.error}"[:300]
        link.save(update_fields=["error"])


class Migration(migrations.Migration):
    dependencies = [("commitments", "0030_link_check_results")]

    operations = [migrations.RunPython(forwards, backwards)]
