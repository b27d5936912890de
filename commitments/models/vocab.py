"""Vocabularies shared by both tracks (civil society's self-reports and the IRM's assessments)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CompletionLevel(models.TextChoices):
    """One completion vocabulary for both tracks, so they can be compared side by side."""

    NO_EVIDENCE = "no_evidence", _("No evidence available")
    NOT_STARTED = "not_started", _("Not started")
    LIMITED = "limited", _("Limited")
    SUBSTANTIAL = "substantial", _("Substantial")
    COMPLETE = "complete", _("Complete")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    UNCLEAR = "unclear", _("Unclear")


# Order used in every table, chart and CSV: no data first, then the scale, then the two outliers.
NO_DATA = "no_data"
FIGURE_KEYS: tuple[str, ...] = (
    NO_DATA,
    CompletionLevel.NO_EVIDENCE,
    CompletionLevel.NOT_STARTED,
    CompletionLevel.LIMITED,
    CompletionLevel.SUBSTANTIAL,
    CompletionLevel.COMPLETE,
    CompletionLevel.WITHDRAWN,
    CompletionLevel.UNCLEAR,
)
HIGH_COMPLETION_LEVELS: tuple[str, ...] = (CompletionLevel.SUBSTANTIAL, CompletionLevel.COMPLETE)


class OGPValue(models.TextChoices):
    ACCESS_TO_INFORMATION = "access_to_information", _("Access to information")
    CIVIC_PARTICIPATION = "civic_participation", _("Civic participation")
    PUBLIC_ACCOUNTABILITY = "public_accountability", _("Public accountability")
    TECHNOLOGY_INNOVATION = "technology_innovation", _("Technology and innovation")


# Commitment boolean field for each OGP value.
OGP_VALUE_FIELDS: dict[str, str] = {
    OGPValue.ACCESS_TO_INFORMATION: "value_access_to_information",
    OGPValue.CIVIC_PARTICIPATION: "value_civic_participation",
    OGPValue.PUBLIC_ACCOUNTABILITY: "value_public_accountability",
    OGPValue.TECHNOLOGY_INNOVATION: "value_technology_innovation",
}
