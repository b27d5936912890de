"""Vocabularies shared by the three tracks (the government's self-assessment, civil society's status
updates and the IRM's assessments)."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

# The plausible range of the dates the tracker deals in: nothing it records happened before 2000
# (the OGP began in 2011), and a day asked about lies at most YEARS_AHEAD years ahead.
EARLIEST_DATE = datetime.date(2000, 1, 1)
YEARS_AHEAD = 5


def latest_plausible_date() -> datetime.date:
    today = timezone.localdate()
    try:
        return today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February
        return today.replace(year=today.year + YEARS_AHEAD, day=28)


def validate_not_before_earliest(value: datetime.date) -> None:
    if value < EARLIEST_DATE:
        raise ValidationError(
            _("Give a date on or after %(earliest)s."),
            code="too_early",
            params={"earliest": date_format(EARLIEST_DATE, "DATE_FORMAT")},
        )


def validate_not_in_future(value: datetime.date) -> None:
    if value > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."), code="future")


# The validators of a day something was done or seen (a check, a report, a meeting, a milestone
# met): within the plausible range, and not after today.
PAST_DATE_VALIDATORS = [validate_not_before_earliest, validate_not_in_future]

# How the forms, the API and the services of dated reports word a date after today.
AS_OF_IN_FUTURE = _("The as-of date cannot be in the future.")


def past_date_problem(day: datetime.date, *, future: Any = None) -> str | None:
    """What is wrong with the day something was done or seen (`PAST_DATE_VALIDATORS`), if
    anything: `future` words a day after today where the report has words of its own."""
    for validate in PAST_DATE_VALIDATORS:
        try:
            validate(day)
        except ValidationError as error:
            return str(future) if future and error.code == "future" else error.messages[0]
    return None


def known_choice(field: str, choices: type[models.Choices], name: str) -> models.CheckConstraint:
    """`field` holds one of `choices`: a choice list checks forms, only a constraint the data."""
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name=name)


class Voice(models.TextChoices):
    """Who a status update speaks for: set by `record_status_update` from the author's role."""

    CIVIL_SOCIETY = "civil_society", _("Civil society")
    GOVERNMENT = "government", _("Government")


class CompletionLevel(models.TextChoices):
    """One completion vocabulary for every track, so they can be compared side by side."""

    NO_EVIDENCE = "no_evidence", _("No evidence available")
    NOT_STARTED = "not_started", _("Not started")
    LIMITED = "limited", _("Limited")
    SUBSTANTIAL = "substantial", _("Substantial")
    COMPLETE = "complete", _("Complete")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    UNCLEAR = "unclear", _("Unclear")


# What each level means, shown on both forms (civil society's and the IRM researcher's) and next to
# every published assessment.
COMPLETION_DEFINITIONS: dict[str, Any] = {
    CompletionLevel.NO_EVIDENCE: _("No evidence was found to judge progress."),
    CompletionLevel.NOT_STARTED: _("Work has not begun."),
    CompletionLevel.LIMITED: _("Some work was done, but most of it is still pending."),
    CompletionLevel.SUBSTANTIAL: _("Most of the work was done."),
    CompletionLevel.COMPLETE: _("Everything that was promised was done."),
    CompletionLevel.WITHDRAWN: _("The government dropped the commitment."),
    CompletionLevel.UNCLEAR: _("What was done cannot be established."),
}

# "No evidence available" is a finding of the IRM's research (its 2021 method), not a status a
# monitoring organisation reports: civil society says "unclear" when it cannot tell.
SELF_REPORTED_LEVELS: tuple[str, ...] = tuple(
    level for level in CompletionLevel.values if level != CompletionLevel.NO_EVIDENCE
)

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


def level_label(key: str | None) -> str:
    """A completion level in words; "No data" when there is none."""
    if key in ("", NO_DATA, None):
        return str(_("No data"))
    return str(CompletionLevel(key).label)


HIGH_COMPLETION_LEVELS: tuple[str, ...] = (CompletionLevel.SUBSTANTIAL, CompletionLevel.COMPLETE)
LOW_COMPLETION_LEVELS: tuple[str, ...] = (CompletionLevel.NOT_STARTED, CompletionLevel.LIMITED)
# A completion that says how a commitment ended.
FINAL_COMPLETION_LEVELS: tuple[str, ...] = (CompletionLevel.COMPLETE, CompletionLevel.WITHDRAWN)


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
