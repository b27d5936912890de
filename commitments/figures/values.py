"""What a completion figure is, as plain values (no queries): the three tracks, a group's counts
and rates on each, and the IRM reports its IRM counts come from. Counted in `commitments.figures.counting`
(today's, from the cached levels) and `commitments.figures.as_of` (as of a day)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from ..models.vocab import FIGURE_KEYS, HIGH_COMPLETION_LEVELS, NO_DATA, CompletionLevel

DENOMINATOR_RULE = _(
    "Rates count every commitment in the group, including withdrawn, unclear and not yet assessed "
    "or reported ones. Complete rate: complete ÷ all commitments. High completion rate: "
    "(substantial + complete) ÷ all commitments."
)

# Track name -> the cached Commitment field that holds that track's current level, in the order of
# every table, chart and CSV. Civil society's track was called "self_reported" until this release
# (in OGP's vocabulary a self-report is the government's): OLD_TRACK_NAMES keeps the old public
# name as an alias for one release (JSON carries both keys, old query parameters still work).
TRACKS: dict[str, str] = {
    "government": "government_completion",
    "civil_society": "self_reported_completion",
    "irm": "irm_completion",
}
OLD_TRACK_NAMES: dict[str, str] = {"self_reported": "civil_society"}

# Which IRM report a figure counts from: the latest published (default), or only the mid-term
# progress reports, or only the end-of-term ones (end-of-term, implementation, results reports).
IRM_REPORTS: dict[str, Any] = {
    "latest": _("the latest published IRM report"),
    "progress": _("the IRM progress report"),
    "end_of_term": _("the IRM end-of-term report"),
}
DEFAULT_IRM_REPORT = "latest"


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int

    def as_dict(self) -> dict[str, int]:
        return {"numerator": self.numerator, "denominator": self.denominator}

    @property
    def percent(self) -> float | None:
        """For display only; APIs give numerator and denominator."""
        if not self.denominator:
            return None
        # Round half up, as people do by hand (3 of 48 is 6.3 %, not Python's half-even 6.2 %).
        exact = Decimal(100 * self.numerator) / Decimal(self.denominator)
        return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class TrackFigures:
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def complete_rate(self) -> Rate:
        return Rate(self.counts[CompletionLevel.COMPLETE], self.total)

    @property
    def high_completion_rate(self) -> Rate:
        return Rate(sum(self.counts[level] for level in HIGH_COMPLETION_LEVELS), self.total)

    @property
    def coverage_rate(self) -> Rate:
        """How many commitments the track says anything about: all but "no data"."""
        return Rate(self.total - self.counts[NO_DATA], self.total)

    def as_dict(self) -> dict[str, Any]:
        return {
            **{str(key): self.counts[key] for key in FIGURE_KEYS},
            "complete_rate": self.complete_rate.as_dict(),
            "high_completion_rate": self.high_completion_rate.as_dict(),
        }


@dataclass(frozen=True)
class CompletionFigures:
    government: TrackFigures
    civil_society: TrackFigures
    irm: TrackFigures
    # Which IRM reports the IRM counts come from; set when the figures come from the records.
    irm_basis: IrmBasis | None = None

    @property
    def commitment_count(self) -> int:
        return self.irm.total

    def track(self, name: str) -> TrackFigures:
        return getattr(self, OLD_TRACK_NAMES.get(name, name))

    def as_dict(self) -> dict[str, Any]:
        found: dict[str, Any] = {name: self.track(name).as_dict() for name in TRACKS}
        for old, new in OLD_TRACK_NAMES.items():
            found[old] = found[new]  # deprecated alias, one release
        found["denominator_rule"] = str(DENOMINATOR_RULE)
        if self.irm_basis is not None:
            found["irm_basis"] = self.irm_basis.as_dict()
        return found


@dataclass(frozen=True)
class GroupFigures:
    key: str
    label: str
    figures: CompletionFigures


def figures_by_key(groups: Iterable[GroupFigures]) -> dict[str, CompletionFigures]:
    return {group.key: group.figures for group in groups}


@dataclass(frozen=True)
class BasisReport:
    """One kind of IRM report an IRM count comes from, with how many commitments it rates."""

    kind: str
    published_on: datetime.date | None
    publication_year: int | None
    commitment_count: int

    @property
    def counts_from(self) -> datetime.date | None:
        """The day its ratings count from: its publication, or for a year-only one, 31 December."""
        if self.published_on:
            return self.published_on
        return datetime.date(self.publication_year, 12, 31) if self.publication_year else None

    def as_dict(self) -> dict[str, Any]:
        counts_from = self.counts_from
        return {
            "kind": self.kind,
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "publication_year": self.publication_year,
            "counts_from": counts_from.isoformat() if counts_from else None,
            "year_only": self.published_on is None and self.publication_year is not None,
            "commitment_count": self.commitment_count,
        }


@dataclass(frozen=True)
class IrmBasis:
    """Which IRM reports a group's IRM counts come from (`report`: the basis asked for)."""

    report: str
    reports: tuple[BasisReport, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "report": self.report,
            "description": str(IRM_REPORTS[self.report]),
            "reports": [entry.as_dict() for entry in self.reports],
        }


@dataclass(frozen=True)
class LatestReport:
    """An IRM report a plan's IRM figures come from: its kind in words, and when it came out."""

    label: str
    published_on: datetime.date | None
    publication_year: int | None


@dataclass(frozen=True)
class TrackDates:
    """What a plan's headline figures date from: civil society's and the government's latest status
    updates, and the latest published IRM report (the basis of the IRM's current levels)."""

    self_reported_as_of: datetime.date | None = None
    irm_report: LatestReport | None = None
    government_as_of: datetime.date | None = None
