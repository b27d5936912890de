"""The IRM's scales explained in words: which scales each methodology uses, and what each value means.

Used as help text on the assessment form and next to every published assessment, so no page shows a
bare code. Written in our own words from shared/IRM-GLOSSARY.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from commitments.models import CompletionLevel
from commitments.models.vocab import COMPLETION_DEFINITIONS

from .models import (
    EarlyResults,
    Methodology,
    OpenedGovernment,
    PotentialForResults,
    PotentialImpact,
    Specificity,
)

YES_NO_DEFINITIONS: dict[bool, Promise] = {True: _("Yes"), False: _("No")}

SCALE_DEFINITIONS: dict[str, Promise] = {
    "specificity": _(
        "How precisely the commitment says what will be done, so that anyone can check it."
    ),
    "verifiable": _("Whether the commitment is specific enough to check that it was carried out."),
    "relevant_access_to_information": _(
        "Whether it makes more or better government information available to the public."
    ),
    "relevant_civic_participation": _(
        "Whether it gives people more opportunities or better means to take part in decisions."
    ),
    "relevant_public_accountability": _(
        "Whether it creates rules or mechanisms that make officials answer for their actions."
    ),
    "relevant_technology_innovation": _(
        "Whether it uses technology for openness; counts only together with one of the three "
        "values above."
    ),
    "open_government_lens": _(
        "Whether the commitment aims to make government more transparent, participatory or "
        "accountable."
    ),
    "potential_impact": _(
        "How much the commitment would change business as usual in its policy area if fully "
        "carried out."
    ),
    "potential_for_results": _("What results the commitment could bring if fully carried out."),
    "promising": _(
        "The few commitments the IRM singles out for their clarity, relevance and expected results."
    ),
    "completion": _("How much of what was promised was done."),
    "opened_government": _(
        "Whether government practice actually became more open because of the commitment."
    ),
    "early_results": _("The changes in government practice seen by the end of the plan."),
}

VALUE_DEFINITIONS: dict[str, dict[str, Promise]] = {
    "specificity": {
        Specificity.NONE: _("No deliverable that could be checked."),
        Specificity.LOW: _("An activity that needs interpretation before it can be measured."),
        Specificity.MEDIUM: _("A verifiable activity, but without clear, measurable milestones."),
        Specificity.HIGH: _("Clear, measurable and verifiable milestones."),
    },
    "potential_impact": {
        PotentialImpact.NONE: _("Would not change current practice."),
        PotentialImpact.MINOR: _("A small step in the right direction."),
        PotentialImpact.MODERATE: _("A significant step, but limited in scope or scale."),
        PotentialImpact.TRANSFORMATIVE: _("Would change business as usual in its policy area."),
        PotentialImpact.UNCLEAR: _("Not enough information to judge."),
    },
    "potential_for_results": {
        PotentialForResults.UNCLEAR: _("Continues existing practice; results are hard to foresee."),
        PotentialForResults.MODEST: _("A positive change, but stand-alone."),
        PotentialForResults.SUBSTANTIAL: _(
            "Could change the rules of the game: binding and lasting change in institutions."
        ),
    },
    "completion": COMPLETION_DEFINITIONS,  # shared with civil society's form
    "opened_government": {
        OpenedGovernment.WORSENED: _("Government became less open."),
        OpenedGovernment.DID_NOT_CHANGE: _("Government practice did not change."),
        OpenedGovernment.MARGINAL: _("A small change towards openness."),
        OpenedGovernment.MAJOR: _("A clear step forward in openness."),
        OpenedGovernment.OUTSTANDING: _("A reform that transformed practice in its area."),
    },
    "early_results": {
        EarlyResults.NONE_YET: _("Too early to see results."),
        EarlyResults.NO_NOTABLE: _("Nothing changed in a notable way."),
        EarlyResults.MARGINAL: _("Small changes in government practice."),
        EarlyResults.MODERATE: _("Some meaningful changes in government practice."),
        EarlyResults.SIGNIFICANT: _("Significant changes in government practice."),
        EarlyResults.OUTSTANDING: _("Transformed government practice in its area."),
    },
}

BOOLEAN_SCALES = frozenset(
    {
        "verifiable",
        "relevant_access_to_information",
        "relevant_civic_participation",
        "relevant_public_accountability",
        "relevant_technology_innovation",
        "open_government_lens",
        "promising",
    }
)

# The scales each generation of the IRM's method uses, in the order its reports present them.
METHODOLOGY_SCALES: dict[str, tuple[str, ...]] = {
    Methodology.PRE_2021: (
        "specificity",
        "relevant_access_to_information",
        "relevant_civic_participation",
        "relevant_public_accountability",
        "relevant_technology_innovation",
        "potential_impact",
        "completion",
        "opened_government",
    ),
    Methodology.FROM_2021: (
        "verifiable",
        "open_government_lens",
        "potential_for_results",
        "promising",
        "completion",
        "early_results",
    ),
}


@dataclass(frozen=True)
class ScaleReading:
    """One scale of one assessment, ready to show: name, value label, and both explained."""

    field: str
    name: str
    value: str
    definition: str
    meaning: str


def scale_readings(assessment, methodology: str) -> list[ScaleReading]:
    """The assessment's rated scales under its methodology, each with its value in words."""
    readings = []
    model_fields = {f.name: f for f in assessment._meta.get_fields()}
    for field in METHODOLOGY_SCALES.get(methodology, ()):
        raw = getattr(assessment, field)
        if raw is None or raw == "":
            continue
        if field in BOOLEAN_SCALES:
            value, meaning = str(YES_NO_DEFINITIONS[bool(raw)]), ""
        else:
            value = str(getattr(assessment, f"get_{field}_display")())
            meaning = str(VALUE_DEFINITIONS.get(field, {}).get(raw, ""))
        readings.append(
            ScaleReading(
                field=field,
                name=str(model_fields[field].verbose_name),
                value=value,
                definition=str(SCALE_DEFINITIONS[field]),
                meaning=meaning,
            )
        )
    return readings


def choice_help(field: str) -> str:
    """The scale's definition followed by what each of its values means, for a form's help text."""
    parts = [str(SCALE_DEFINITIONS[field])]
    values = VALUE_DEFINITIONS.get(field)
    if values:
        parts.extend(f"{key_label(field, key)}: {text}" for key, text in values.items())
    return " ".join(parts) if not values else "\n".join(parts)


def key_label(field: str, key: str) -> str:
    choices = {
        "specificity": Specificity,
        "potential_impact": PotentialImpact,
        "potential_for_results": PotentialForResults,
        "completion": CompletionLevel,
        "opened_government": OpenedGovernment,
        "early_results": EarlyResults,
    }[field]
    return str(choices(key).label)
