"""The figures bench/upgrade/compare.py prints first, before and after side by side: counts,
Peru's first plan now and as of a day, evidence files, logins and tokens."""

from __future__ import annotations

from typing import Any


def _figure(seen: dict[str, Any], url: str, path: str) -> Any:
    answer = seen["public"].get(url, {})
    if answer.get("status") != 200:
        return f"HTTP {answer.get('status')}"
    value: Any = answer
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _rates(seen: dict[str, Any], url: str) -> str:
    completion = _figure(seen, url, "body.completion")
    if not isinstance(completion, dict):
        return str(completion)
    return ", ".join(
        f"{track} {c['complete_rate']['numerator']}/{c['high_completion_rate']['numerator']}"
        for track, c in completion.items()
        if track in ("irm", "self_reported") and isinstance(c, dict)
    )


def headline(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The figures a reader looks at first, side by side."""
    rows = [
        ("commitments", "/api/v1/commitments/?page_size=1", "body.count"),
        ("published assessments", "/api/v1/assessments/?page_size=1", "body.count"),
        ("organisations", "/api/v1/organizations/?page_size=1", "body.count"),
        ("OGP members", "/api/v1/members/?page_size=500", "body.count"),
        ("IRM complete", "/api/v1/commitments/?irm_completion=complete&page_size=1", "body.count"),
        ("starred", "/api/v1/commitments/?starred=true&page_size=1", "body.count"),
        ("PE0008 changes shown", "/api/v1/commitments/PE0008/changes/?page_size=200", "body.count"),
    ]
    lines = [f"    {'':34} {'before':>14} {'after':>14}"]
    for label, url, path in rows:
        lines.append(
            f"    {label:34} {_figure(before, url, path)!s:>14} {_figure(after, url, path)!s:>14}"
        )
    for label, url in (
        ("AP_PER01 complete/high (IRM, civil society)", "/api/v1/action-plans/AP_PER01/"),
        ("  the same as of 2026-12-04", "/api/v1/action-plans/AP_PER01/?as_of=2026-12-04"),
    ):
        lines.append(f"    {label}: {_rates(before, url)}  ->  {_rates(after, url)}")
    same = sum(
        1
        for href, d in before["public"]["evidence downloads"].items()
        if after["public"]["evidence downloads"].get(href, {}).get("sha256") == d["sha256"]
    )
    logins = sum(1 for p in after["people"].values() if p["login"] == 302)
    lines.append(
        f"    evidence files served byte for byte: {same} of "
        f"{len(before['public']['evidence downloads'])}; people logged in with their passwords: "
        f"{logins} of {len(before['people'])}; API tokens accepted: "
        f"{sum(1 for s in after['tokens'].values() if s == 200)} of {len(before['tokens'])}"
    )
    return lines
