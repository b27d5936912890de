"""Each plan-integrity warning, on hand-built plans that do and do not trigger it."""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from commitments.models import PlanProcess, Proposal
from reviews.integrity import warnings_for_plan, warnings_for_plans
from tests import factories
from tests.factories import IndicatorFactory, ProposalFactory, make_process

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 27)


def codes(plan) -> set[str]:
    return {w.code for w in warnings_for_plan(plan, today=TODAY)}


def warning(plan, code: str):
    return next(w for w in warnings_for_plan(plan, today=TODAY) if w.code == code)


def sound_plan(**kwargs):
    """A plan none of the warnings fire on: approved before it starts, every commitment with a
    milestone, an indicator, a lead organisation, a final status and an outcome check."""
    plan = factories.ActionPlanFactory(
        start_date=datetime.date(2015, 1, 1),
        end_date=datetime.date(2016, 12, 31),
        approval_date=datetime.date(2014, 12, 1),
        **kwargs,
    )
    commitment = factories.CommitmentFactory(
        action_plan=plan, end_date=datetime.date(2016, 12, 31), self_reported_completion="complete"
    )
    factories.MilestoneFactory(commitment=commitment)
    IndicatorFactory(commitment=commitment)
    factories.OutcomeCheckFactory(commitment=commitment, checked_on=datetime.date(2018, 1, 1))
    return plan, commitment


def test_sound_plan_has_no_warning():
    plan, _ = sound_plan()
    assert codes(plan) == set()


def test_plan_approved_after_its_start_is_retroactive_with_the_gap_in_days():
    plan, _ = sound_plan()
    plan.approval_date = datetime.date(2015, 7, 1)
    plan.save()
    found = warning(plan, "retroactive_approval")
    assert found.facts["gap_days"] == 181
    assert found.facts["start_date"] == "2015-01-01"
    with translation.override("en"):
        assert "181 days" in warning(plan, "retroactive_approval").message


def test_plan_approved_on_its_start_date_is_not_retroactive():
    plan, _ = sound_plan()
    plan.approval_date = plan.start_date
    plan.save()
    assert "retroactive_approval" not in codes(plan)


def test_commitments_without_milestone_indicator_or_lead_are_counted_and_named():
    plan, _ = sound_plan()
    bare = factories.CommitmentFactory(
        action_plan=plan, lead_organization=None, self_reported_completion="complete"
    )
    found = warning(plan, "commitments_without_milestone")
    assert (found.facts["count"], found.facts["total"]) == (1, 2)
    assert found.facts["commitments"] == [bare.ogp_id]
    assert warning(plan, "commitments_without_indicator").facts["commitments"] == [bare.ogp_id]
    assert warning(plan, "commitments_without_lead").facts["count"] == 1


def test_milestone_indicator_counts_for_its_commitment():
    plan, commitment = sound_plan()
    commitment.indicators.all().delete()
    milestone = commitment.milestones.get()
    IndicatorFactory(commitment=commitment, milestone=milestone)
    assert "commitments_without_indicator" not in codes(plan)


def test_share_rated_low_or_no_specificity_uses_the_latest_published_rating():
    plan, commitment = sound_plan()
    other = factories.CommitmentFactory(action_plan=plan, self_reported_completion="complete")
    factories.MilestoneFactory(commitment=other)
    IndicatorFactory(commitment=other)
    report = factories.IRMReportFactory(action_plan=plan, published_on=datetime.date(2016, 3, 1))
    factories.AssessmentFactory(report=report, commitment=commitment, specificity="none")
    factories.AssessmentFactory(report=report, commitment=other, specificity="high")
    found = warning(plan, "low_specificity")
    assert (found.facts["count"], found.facts["rated"], found.facts["share"]) == (1, 2, 0.5)
    assert found.facts["commitments"] == [commitment.ogp_id]
    assert found.severity == "high"


def test_draft_assessments_do_not_count_towards_specificity():
    plan, commitment = sound_plan()
    draft = factories.IRMReportFactory(action_plan=plan, state="draft")
    factories.AssessmentFactory(report=draft, commitment=commitment, specificity="low")
    assert "low_specificity" not in codes(plan)


def test_commitment_past_its_end_date_without_final_status_is_flagged():
    plan, commitment = sound_plan()
    commitment.self_reported_completion = "limited"
    commitment.self_reported_as_of = datetime.date(2016, 6, 1)
    commitment.save()
    found = warning(plan, "ended_without_final_status")
    assert found.facts["commitments"] == [commitment.ogp_id]


def test_status_reported_after_the_end_date_or_end_of_term_assessment_is_final():
    plan, commitment = sound_plan()
    commitment.self_reported_completion = "limited"
    commitment.self_reported_as_of = datetime.date(2017, 1, 15)
    commitment.save()
    assert "ended_without_final_status" not in codes(plan)
    commitment.self_reported_as_of = datetime.date(2016, 6, 1)
    commitment.save()
    report = factories.IRMReportFactory(action_plan=plan, kind="end_of_term")
    factories.AssessmentFactory(report=report, commitment=commitment, specificity="")
    assert "ended_without_final_status" not in codes(plan)


def test_commitment_not_yet_ended_needs_no_final_status():
    plan, commitment = sound_plan()
    commitment.self_reported_completion = ""
    commitment.end_date = TODAY + datetime.timedelta(days=1)
    commitment.save()
    assert "ended_without_final_status" not in codes(plan)


def test_single_responsible_office_is_flagged_with_its_level():
    plan, _ = sound_plan()
    office = factories.OrganizationFactory(name="Secretaría de Gestión Pública")
    make_process(plan, [office], office_level=PlanProcess.OfficeLevel.MID_LEVEL)
    found = warning(plan, "single_office")
    assert found.facts["offices"] == ["Secretaría de Gestión Pública"]
    assert found.facts["office_level"] == "mid_level"
    assert found.severity == "high"


def test_two_responsible_offices_are_not_a_single_office():
    plan, _ = sound_plan()
    make_process(plan, factories.OrganizationFactory.create_batch(2))
    assert "single_office" not in codes(plan)


def test_irm_single_agency_counts_when_no_office_is_recorded():
    plan, _ = sound_plan()
    make_process(plan, irm_multi_agency=False)
    found = warning(plan, "single_office")
    assert found.facts["source"] == "irm_process_data"
    other, _ = sound_plan()
    make_process(other, irm_multi_agency=True)
    assert "single_office" not in codes(other)


def test_dropped_priority_proposal_is_flagged():
    plan, _ = sound_plan()
    ProposalFactory(
        action_plan=plan,
        title="Autoridad de transparencia independiente",
        priority=True,
        outcome=Proposal.Outcome.DROPPED,
    )
    found = warning(plan, "priority_proposals_dropped")
    assert found.facts["proposals"][0]["title"] == "Autoridad de transparencia independiente"
    assert found.facts["proposals"][0]["reasoned_response"] is False
    assert warnings_for_plan(plan, today=TODAY)[0].severity == "high"


@pytest.mark.parametrize(
    ("priority", "outcome", "fires"),
    [
        (True, Proposal.Outcome.UNANSWERED, True),
        (True, Proposal.Outcome.ALTERED, False),
        (False, Proposal.Outcome.DROPPED, False),
    ],
)
def test_only_left_out_priority_proposals_are_flagged(priority, outcome, fires):
    plan, commitment = sound_plan()
    ProposalFactory(
        action_plan=plan,
        priority=priority,
        outcome=outcome,
        resulting_commitment=commitment if outcome == Proposal.Outcome.ALTERED else None,
    )
    assert ("priority_proposals_dropped" in codes(plan)) is fires


def _plans_with_problems(n: int) -> list:
    plans = []
    for _ in range(n):
        plan, commitment = sound_plan()
        plan.approval_date = datetime.date(2015, 7, 1)
        plan.save()
        factories.CommitmentFactory(
            action_plan=plan, lead_organization=None, end_date=datetime.date(2016, 12, 31)
        )
        make_process(plan, [factories.OrganizationFactory()], office_level="mid_level")
        ProposalFactory(action_plan=plan, priority=True, outcome="dropped")
        report = factories.IRMReportFactory(action_plan=plan)
        factories.AssessmentFactory(report=report, commitment=commitment, specificity="low")
        plans.append(plan)
    return plans


@pytest.mark.parametrize("n", [2, 20])
def test_warnings_for_many_plans_take_the_same_number_of_queries(n, django_assert_num_queries):
    plans = _plans_with_problems(n)
    # 1 commitment counts per plan, 2 flagged commitment ids, 3 processes, 4 responsible offices,
    # 5 proposal counts, 6 priority proposals.
    with django_assert_num_queries(6):
        result = warnings_for_plans(plans, today=TODAY)
    assert all(len(result[p.pk]) == 8 for p in plans)


def test_indicator_nobody_can_feed_is_flagged():
    plan, commitment = sound_plan()
    assert "indicators_without_source" not in codes(plan)
    IndicatorFactory(commitment=commitment, data_source="Registro nacional", method="")
    found = warning(plan, "indicators_without_source")
    assert found.facts["commitments"] == [commitment.ogp_id]
