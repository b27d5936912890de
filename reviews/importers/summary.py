"""The importer's report: created / updated / unchanged per kind of record, the fields a dry run would
change, warnings and conflicts with their rows."""

from __future__ import annotations

from collections import Counter

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from commitments.models import ActionPlan, Commitment, Member
from reviews.models import Assessment

# Kind of record (the key the writer counts under) -> its name in the printed summary.
KINDS = {
    "members": gettext_lazy("members"),
    "action plans": gettext_lazy("action plans"),
    "policy areas": gettext_lazy("policy areas"),
    "organisations": gettext_lazy("organisations"),
    "organisation names": gettext_lazy("organisation names"),
    "commitments": gettext_lazy("commitments"),
    "IRM reports": gettext_lazy("IRM reports"),
    "assessments": gettext_lazy("assessments"),
}
# Kind of record -> its model, whose fields' verbose names the "by field" line shows.
KIND_MODELS: dict[str, type[models.Model]] = {
    "members": Member,
    "action plans": ActionPlan,
    "commitments": Commitment,
    "assessments": Assessment,
}


def field_label(kind: str, name: str) -> str:
    """A changed field as the reader knows it: its verbose name in the active language."""
    try:
        return str(KIND_MODELS[kind]._meta.get_field(name).verbose_name)
    except (KeyError, FieldDoesNotExist):
        return name


class Summary:
    """Created / updated / unchanged per kind of record, plus warnings with their rows."""

    SHOWN_ROWS = 10

    def __init__(self) -> None:
        self.counts: dict[str, Counter[str]] = {kind: Counter() for kind in KINDS}
        self.rows = 0
        # (column, message) -> (rows affected, the first ten "row (id)"): small however long the file.
        self.warnings: dict[tuple[str, str], tuple[int, list[str]]] = {}
        # Rows kept out because writing them would re-point an id at a different commitment.
        self.conflicts: list[str] = []
        # kind -> field -> records whose field changes, and the first ten (id, fields): what a dry
        # run would change, small however long the file.
        self.changed_fields: dict[str, Counter[str]] = {kind: Counter() for kind in KINDS}
        self.changed_examples: dict[str, list[tuple[str, list[str]]]] = {kind: [] for kind in KINDS}

    def changed(self, kind: str, label: str, fields: list[str]) -> None:
        """One record of `kind` (named `label`) is updated in these fields."""
        self.changed_fields[kind].update(fields)
        if len(self.changed_examples[kind]) < self.SHOWN_ROWS:
            self.changed_examples[kind].append((label, fields))

    def conflict(self, message: str, row: int, *, commitment: str) -> None:
        """A row kept out; `commitment` is its OGP id, which every conflicting row carries."""
        where = _("row %(row)d") % {"row": row}
        self.conflicts.append(f"{where} ({commitment}): {message}")

    def add(self, kind: str, outcome: str, n: int = 1) -> None:
        self.counts[kind][outcome] += n

    def warn(
        self, message: str, row: int | None = None, *, column: str = "", commitment: str = ""
    ) -> None:
        """A warning about `row`, or about the whole file (no row)."""
        count, rows = self.warnings.get((column, message), (0, []))
        if row is not None and len(rows) < self.SHOWN_ROWS:
            rows.append(f"{row} ({commitment})" if commitment else str(row))
        self.warnings[(column, message)] = (count + 1, rows)

    @property
    def warning_count(self) -> int:
        return sum(count for count, _rows in self.warnings.values())

    def lines(self) -> list[str]:
        lines = [
            _("%(kind)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged")
            % {"kind": KINDS[kind], **{k: c[k] for k in ("created", "updated", "unchanged")}}
            for kind, c in self.counts.items()
        ]
        for kind, fields in self.changed_fields.items():
            if not fields:
                continue
            examples = [
                f"{label} ({', '.join(field_label(kind, f) for f in names)})"
                for label, names in self.changed_examples[kind]
            ]
            shown = "; ".join(examples) + (
                "; ..." if self.counts[kind]["updated"] > len(examples) else ""
            )
            lines.append(
                _("%(kind)s updated, by field: %(fields)s (%(examples)s)")
                % {
                    "kind": KINDS[kind],
                    "fields": ", ".join(
                        f"{field_label(kind, name)} {n}" for name, n in fields.most_common()
                    ),
                    "examples": shown,
                }
            )
        if reconciled := self.counts["commitments"]["reconciled"]:
            lines.append(
                _("commitments reconciled: %(n)d took OGP's own id in place of a provisional one")
                % {"n": reconciled}
            )
        lines += [
            _("conflict, not written: %(conflict)s") % {"conflict": c} for c in self.conflicts
        ]
        for (column, message), (count, rows) in self.warnings.items():
            shown = ", ".join(rows) + (", ..." if count > len(rows) else "")
            if column:
                message = _("column “%(column)s”: %(message)s") % {
                    "column": column,
                    "message": message,
                }
            if not rows:
                lines.append(_("warning: %(message)s") % {"message": message})
                continue
            lines.append(
                ngettext(
                    "warning: %(message)s (%(n)d row: %(rows)s)",
                    "warning: %(message)s (%(n)d rows: %(rows)s)",
                    count,
                )
                % {"message": message, "n": count, "rows": shown}
            )
        return lines
