"""The one definition of the IRM star: computed from the scales, never typed in."""

from __future__ import annotations

from typing import Protocol

from commitments.models import CompletionLevel


class Scales(Protocol):
    specificity: str
    relevant_access_to_information: bool | None
    relevant_civic_participation: bool | None
    relevant_public_accountability: bool | None
    potential_impact: str
    completion: str


def current_formula_star(scales: Scales) -> bool:
    """The IRM's current rule, all four at once: medium or high specificity; relevant to access to
    information, civic participation or public accountability; moderate or transformative potential
    impact; substantial or complete completion."""
    return (
        scales.specificity in {"medium", "high"}
        and bool(
            scales.relevant_access_to_information
            or scales.relevant_civic_participation
            or scales.relevant_public_accountability
        )
        and scales.potential_impact in {"moderate", "transformative"}
        and scales.completion in {CompletionLevel.SUBSTANTIAL, CompletionLevel.COMPLETE}
    )


def compute_star(methodology: str, scales: Scales) -> tuple[bool, str]:
    """(starred, formula) for an assessment under its report's methodology.

    Reports from 2021 onward single out "promising" commitments instead of starring them.
    """
    if methodology == "pre_2021":
        return current_formula_star(scales), "current"
    return False, ""
