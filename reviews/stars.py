"""The one definition of the IRM star: computed from the scales, never typed in.

The IRM has starred commitments under three formulas (see IRM-GLOSSARY.md). Each is computed and
stored per assessment (`Assessment.formula_stars`); a commitment's star, its filters and figures
follow the current formula on its latest report (`Assessment.starred`). Recomputing the Explorer
file's three star columns from its own ratings reproduces them (tests/importer/test_stars.py).
"""

from __future__ import annotations

from typing import Protocol

from commitments.models.vocab import HIGH_COMPLETION_LEVELS

from .models import PotentialImpact, Specificity, StarFormula

PRE_2014, Y2015, CURRENT = StarFormula.PRE_2014, StarFormula.Y2015, StarFormula.CURRENT
FORMULAS = tuple(StarFormula)
SPECIFIC = frozenset({Specificity.MEDIUM, Specificity.HIGH})
HIGH_COMPLETION = frozenset(HIGH_COMPLETION_LEVELS)
IMPACTFUL = frozenset({PotentialImpact.MODERATE, PotentialImpact.TRANSFORMATIVE})


class Scales(Protocol):
    specificity: str
    relevant: bool | None
    relevant_access_to_information: bool | None
    relevant_civic_participation: bool | None
    relevant_public_accountability: bool | None
    potential_impact: str
    completion: str


def is_relevant(scales: Scales) -> bool:
    """Relevant to an OGP value: the IRM's own verdict where the source records it (the Explorer's
    coded `_Relevant`, which counts a few technology-only commitments), otherwise relevant to access
    to information, civic participation or public accountability (technology alone does not count)."""
    verdict = getattr(scales, "relevant", None)
    if verdict is not None:
        return bool(verdict)
    return bool(
        scales.relevant_access_to_information
        or scales.relevant_civic_participation
        or scales.relevant_public_accountability
    )


def formula_stars(scales: Scales) -> dict[str, bool]:
    """The star under each of the IRM's three formulas.

    - pre_2014 (assessments before June 2014): relevant; moderate or transformative potential
      impact; substantial or complete completion. Specificity is not part of it.
    - 2015: the same, plus medium or high specificity.
    - current: medium or high specificity; relevant; transformative potential impact (moderate no
      longer qualifies); substantial or complete completion (on the report being starred: the
      progress report, and again the end-of-term report).
    """
    relevant = is_relevant(scales)
    completed = scales.completion in HIGH_COMPLETION
    specific = scales.specificity in SPECIFIC
    impact = scales.potential_impact
    pre_2014 = relevant and completed and impact in IMPACTFUL
    return {
        PRE_2014: pre_2014,
        Y2015: pre_2014 and specific,
        CURRENT: relevant and completed and specific and impact == PotentialImpact.TRANSFORMATIVE,
    }


def current_formula_star(scales: Scales) -> bool:
    return formula_stars(scales)[CURRENT]


# A star cell that says the report was not assessed under that formula (no data / not relevant).
NOT_ASSESSED = frozenset({"nd", "nr", "na", "n/a"})


def current_formula_applies(source_stars: dict[str, str] | None) -> bool:
    """Whether the current formula was the report's own: always for an assessment made here; for an
    imported one, unless its source says the report was not assessed under it (the Explorer's
    current-formula columns say ND for the reports from before the IRM adopted it)."""
    if not source_stars:
        return True
    value = source_stars.get(CURRENT)
    return value is not None and value.strip().casefold() not in NOT_ASSESSED


def compute_star(
    methodology: str, scales: Scales, source_stars: dict[str, str] | None = None
) -> tuple[bool, str]:
    """(starred, formula) for an assessment under its report's methodology: the current formula,
    where it was the report's own (see current_formula_applies).

    Reports from 2021 onward single out "promising" commitments instead of starring them.
    """
    if methodology == "pre_2021" and current_formula_applies(source_stars):
        return current_formula_star(scales), CURRENT
    return False, ""


def apply_stars(assessment, methodology: str) -> None:
    """Set an assessment's computed star fields: every formula, and the star it is served with."""
    assessment.formula_stars = formula_stars(assessment) if methodology == "pre_2021" else {}
    assessment.starred, assessment.star_formula = compute_star(
        methodology, assessment, getattr(assessment, "source_stars", None)
    )
