"""What changed between two releases: commitments added, removed and changed (which columns), and
IRM assessments added or removed. Read from the two releases' own CSVs, so it says exactly what a
reader comparing the files would find."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

# Columns that change with every save and say nothing a reader compares.
IGNORED_COLUMNS = frozenset({"updated_at"})
# How many ids of each kind the release's page lists (the CSV has them all).
SHOWN = 100

COMMITMENT_ADDED = "commitment_added"
COMMITMENT_REMOVED = "commitment_removed"
COMMITMENT_CHANGED = "commitment_changed"
ASSESSMENT_ADDED = "assessment_added"
ASSESSMENT_REMOVED = "assessment_removed"
KINDS = (
    COMMITMENT_ADDED,
    COMMITMENT_REMOVED,
    COMMITMENT_CHANGED,
    ASSESSMENT_ADDED,
    ASSESSMENT_REMOVED,
)

SCHEMA: dict[str, Any] = {
    "fields": [
        {
            "name": "change",
            "type": "string",
            "description": "commitment_added, commitment_removed, commitment_changed, "
            "assessment_added or assessment_removed.",
            "constraints": {"required": True, "enum": list(KINDS)},
        },
        {
            "name": "commitment",
            "type": "string",
            "description": "OGP id of the commitment.",
            "constraints": {"required": True},
        },
        {
            "name": "report",
            "type": "integer",
            "description": "For an assessment: the IRM report (its id in irm_reports).",
        },
        {
            "name": "fields",
            "type": "string",
            "description": "For a changed commitment: the columns of commitments.csv that "
            "changed, separated by '; '.",
        },
    ],
    "missingValues": [""],
}
TITLE = _("Changes since the previous release")


@dataclass
class Changelog:
    previous: str | None  # the previous release's date, None for the first release
    rows: list[tuple[str, str, int | None, str]] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {kind: sum(1 for row in self.rows if row[0] == kind) for kind in KINDS}

    def csv(self) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([f["name"] for f in SCHEMA["fields"]])
        for change, commitment, report, fields in self.rows:
            writer.writerow([change, commitment, "" if report is None else report, fields])
        return buffer.getvalue().encode("utf-8")

    def summary(self) -> dict[str, Any]:
        """What the release keeps for its page: counts and the first ids of each kind."""
        shown: dict[str, list] = {kind: [] for kind in KINDS}
        for change, commitment, report, fields in self.rows:
            if len(shown[change]) < SHOWN:
                shown[change].append(
                    {"commitment": commitment, "report": report, "fields": fields.split("; ")}
                    if fields or report is not None
                    else {"commitment": commitment}
                )
        return {"previous": self.previous, "counts": self.counts(), "shown": shown}


def _read(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def compare(
    *,
    previous: str | None,
    old_commitments: bytes | None,
    new_commitments: bytes,
    old_assessments: bytes | None,
    new_assessments: bytes,
) -> Changelog:
    """The changelog from the previous release's CSVs (None for the first release) to these."""
    log = Changelog(previous=previous)
    if old_commitments is None or old_assessments is None:
        return log
    old = {row["ogp_id"]: row for row in _read(old_commitments)}
    new = {row["ogp_id"]: row for row in _read(new_commitments)}
    for ogp_id in sorted(new.keys() - old.keys()):
        log.rows.append((COMMITMENT_ADDED, ogp_id, None, ""))
    for ogp_id in sorted(old.keys() - new.keys()):
        log.rows.append((COMMITMENT_REMOVED, ogp_id, None, ""))
    for ogp_id in sorted(new.keys() & old.keys()):
        before, after = old[ogp_id], new[ogp_id]
        changed = [
            name
            for name in after
            if name not in IGNORED_COLUMNS and before.get(name) != after[name]
        ]
        if changed:
            log.rows.append((COMMITMENT_CHANGED, ogp_id, None, "; ".join(changed)))

    def keys(data: bytes) -> set[tuple[int, str]]:
        return {(int(row["report"]), row["commitment"]) for row in _read(data)}

    old_keys, new_keys = keys(old_assessments), keys(new_assessments)
    for report, ogp_id in sorted(new_keys - old_keys, key=lambda k: (k[1], k[0])):
        log.rows.append((ASSESSMENT_ADDED, ogp_id, report, ""))
    for report, ogp_id in sorted(old_keys - new_keys, key=lambda k: (k[1], k[0])):
        log.rows.append((ASSESSMENT_REMOVED, ogp_id, report, ""))
    return log
