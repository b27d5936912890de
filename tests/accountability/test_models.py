"""Invariants the database holds for the accountability records."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction

from commitments.models import Indicator, Proposal
from tests import factories
from tests.factories import ProposalFactory, make_process

pytestmark = pytest.mark.django_db


def refused(**kwargs) -> bool:
    try:
        with transaction.atomic():
            ProposalFactory(**kwargs)
    except IntegrityError:
        return True
    return False


def test_a_merged_proposal_names_the_commitment_it_was_merged_into():
    assert refused(outcome=Proposal.Outcome.MERGED)
    assert not refused(
        outcome=Proposal.Outcome.MERGED, resulting_commitment=factories.CommitmentFactory()
    )


def test_a_dropped_or_unanswered_proposal_has_no_resulting_commitment():
    commitment = factories.CommitmentFactory()
    assert refused(outcome=Proposal.Outcome.DROPPED, resulting_commitment=commitment)
    assert refused(outcome=Proposal.Outcome.UNANSWERED, resulting_commitment=commitment)


def test_an_unanswered_proposal_has_no_government_response():
    assert refused(outcome=Proposal.Outcome.UNANSWERED, government_response="No procede.")
    assert not refused(outcome=Proposal.Outcome.DROPPED, government_response="No procede.")


def test_baseline_and_target_need_their_dates():
    commitment = factories.CommitmentFactory()
    for values in ({"baseline_value": 1}, {"target_value": 2}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Indicator.objects.create(commitment=commitment, name="x", unit="%", **values)
    Indicator.objects.create(
        commitment=commitment,
        name="ok",
        unit="%",
        baseline_value=1,
        baseline_date=datetime.date(2015, 1, 1),
    )


def test_indicator_milestone_must_belong_to_its_commitment():
    from django.core.exceptions import ValidationError

    indicator = Indicator(
        commitment=factories.CommitmentFactory(),
        milestone=factories.MilestoneFactory(),
        name="x",
        unit="%",
    )
    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert "milestone" in error.value.message_dict


def test_process_steps_are_at_most_six():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_process(factories.ActionPlanFactory(), irm_steps_followed=7)


def test_editable_records_keep_their_history():
    proposal = ProposalFactory(outcome=Proposal.Outcome.UNANSWERED)
    proposal.outcome = Proposal.Outcome.DROPPED
    proposal.government_response = "Fuera del alcance del plan."
    proposal.save()
    assert [h.outcome for h in proposal.history.order_by("history_date")] == [
        "unanswered",
        "dropped",
    ]
