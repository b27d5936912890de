"""Outcome checks: who may record them, the evidence check, and the one entry point that writes them.

Checks follow the rules of status updates: append-only (a correction is a newer check naming the one
it corrects), written by a permitted user, with that user's organisation recorded. The web form, the
write API and any importer call `record_outcome_check`."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..evidence.link_checks import links_to_check
from ..models import Commitment, OutcomeCheck, OutcomeVerdict
from ..models.vocab import past_date_problem
from ..permissions import is_in_group, user_organization
from ..reports.services import ReportChecks, evidence_columns
from ..roles import EDITOR, RESEARCHER
from ..services import EvidenceFile, authorship_columns, enqueue_after_commit
from ..tasks import check_evidence_link, notify_outcome_check
from .figures import checks_open, plan_end_day

# The project has no "responsible official" role yet (commitments/roles.py): civil-society editors
# of a monitoring organisation and the IRM researchers of the plan record checks, nobody else.


def can_record_outcome_check(user, commitment: Commitment) -> bool:
    """An active civil-society editor of an organisation monitoring the commitment, or an IRM
    researcher assigned to a report on its plan. Anyone else, fail closed."""
    if not (user.is_authenticated and user.is_active):
        return False
    if not user.has_perm("commitments.add_outcomecheck"):
        return False
    if is_in_group(user, EDITOR):
        organization = user_organization(user)
        if (
            organization is not None
            and commitment.monitoring_organizations.filter(pk=organization.pk).exists()
        ):
            return True
    if is_in_group(user, RESEARCHER) and _researches_plan is not None:
        return _researches_plan(user, commitment.action_plan_id)
    return False


# Who researches a plan is the IRM's to say: the IRM app registers the rule when it starts, so that
# commitments never names it. Until then (or without it) no researcher may record a check.
ResearchesPlan = Callable[[Any, int], bool]
_researches_plan: ResearchesPlan | None = None


def register_plan_researchers(rule: ResearchesPlan) -> None:
    global _researches_plan
    _researches_plan = rule


CHECKS = ReportChecks(
    about="commitment",
    missing=gettext_lazy(
        "Give a link or a file as evidence (only an unknown outcome may have none)."
    ),
    optional=OutcomeVerdict.UNKNOWN,
    other=gettext_lazy("A correction must be about the same commitment."),
)

NOT_ALLOWED = gettext_lazy(
    "Only a civil-society editor of an organisation monitoring this commitment, or an IRM "
    "researcher of its plan, may record outcome checks."
)


def record_outcome_check(
    *,
    commitment: Commitment,
    author,
    checked_on: datetime.date,
    verdict: str,
    note: str = "",
    evidence_url: str = "",
    evidence_file: EvidenceFile | None = None,
    corrects: OutcomeCheck | None = None,
) -> OutcomeCheck:
    """Append an outcome check. Raises PermissionDenied or ValidationError; writes nothing then."""
    if not can_record_outcome_check(author, commitment):
        raise PermissionDenied(NOT_ALLOWED)
    errors: dict[str, list[str]] = {}
    if not checks_open(commitment):
        end = plan_end_day(commitment.action_plan)
        errors[NON_FIELD_ERRORS] = [
            _(
                "Outcome checks open once the plan has ended (on %(end)s) or the commitment is "
                "rated complete; neither is the case yet."
            )
            % {"end": date_format(end, "DATE_FORMAT") if end else _("a date not recorded")}
        ]
    if verdict not in OutcomeVerdict.values:
        errors["verdict"] = [_("Choose a verdict from the list.")]
    start = commitment.action_plan.start_date
    if problem := past_date_problem(checked_on):
        errors["checked_on"] = [problem]
    elif start and checked_on < start:
        errors["checked_on"] = [_("A check cannot be dated before the plan started.")]
    CHECKS.refuse(errors, corrects, commitment, evidence_url, evidence_file, verdict)

    with transaction.atomic():
        check = OutcomeCheck.objects.create(
            commitment=commitment,
            checked_on=checked_on,
            verdict=verdict,
            note=note,
            **evidence_columns(evidence_url, evidence_file),
            **authorship_columns(author, corrects),
        )
        for link in links_to_check(outcome_check=check):
            enqueue_after_commit(check_evidence_link, link.pk)
        # After commit only: followers hear of a saved check, never of a rolled-back one.
        enqueue_after_commit(notify_outcome_check, check.pk)
    return check
