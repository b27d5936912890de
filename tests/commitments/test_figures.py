"""The one definition of the completion figures."""

import pytest
from django.utils import translation

from commitments.figures.counting import completion_by, completion_figures
from commitments.models import Commitment
from tests.factories import ActionPlanFactory, CommitmentFactory

pytestmark = pytest.mark.django_db


def make_plan_with_irm_levels(levels: dict[str, int]):
    plan = ActionPlanFactory()
    for level, count in levels.items():
        CommitmentFactory.create_batch(count, action_plan=plan, irm_completion=level)
    return plan


def test_empty_plan_has_zero_counts_and_zero_denominators():
    plan = ActionPlanFactory()
    figures = Commitment.objects.filter(action_plan=plan).completion_figures()
    assert figures.commitment_count == 0
    assert figures.irm.complete_rate.as_dict() == {"numerator": 0, "denominator": 0}
    assert figures.irm.high_completion_rate.percent is None


def test_peru_plan_one_at_progress_report():
    plan = make_plan_with_irm_levels(
        {
            "complete": 2,
            "substantial": 12,
            "limited": 19,
            "not_started": 9,
            "unclear": 4,
            "withdrawn": 2,
        }
    )
    figures = completion_figures(Commitment.objects.filter(action_plan=plan))
    irm = figures.as_dict()["irm"]
    assert irm["complete"] == 2
    assert irm["withdrawn"] == 2
    assert irm["unclear"] == 4
    assert irm["complete_rate"] == {"numerator": 2, "denominator": 48}
    assert irm["high_completion_rate"] == {"numerator": 14, "denominator": 48}
    # Nobody reported yet: all 48 are counted as no data on the self-reported track.
    assert figures.as_dict()["self_reported"]["no_data"] == 48
    with translation.override("en"):
        assert "withdrawn" in figures.as_dict()["denominator_rule"]


def test_every_level_is_counted_once_and_unassessed_is_no_data():
    levels = {
        "": 1,
        "no_evidence": 1,
        "not_started": 1,
        "limited": 1,
        "substantial": 1,
        "complete": 1,
        "withdrawn": 1,
        "unclear": 1,
    }
    plan = make_plan_with_irm_levels(levels)
    irm = completion_figures(Commitment.objects.filter(action_plan=plan)).irm
    assert irm.counts == {
        "no_data": 1,
        "no_evidence": 1,
        "not_started": 1,
        "limited": 1,
        "substantial": 1,
        "complete": 1,
        "withdrawn": 1,
        "unclear": 1,
    }
    assert irm.total == 8
    assert irm.high_completion_rate.as_dict() == {"numerator": 2, "denominator": 8}


def test_figures_per_plan_in_one_query(django_assert_num_queries):
    make_plan_with_irm_levels({"complete": 3, "limited": 1})
    make_plan_with_irm_levels({"complete": 1})
    with django_assert_num_queries(1):
        groups = completion_by(Commitment.objects.all(), "action_plan")
    assert [g.figures.irm.counts["complete"] for g in groups] == [3, 1]


def test_figures_per_ogp_value():
    plan = ActionPlanFactory()
    CommitmentFactory(action_plan=plan, value_access_to_information=True, irm_completion="complete")
    CommitmentFactory(action_plan=plan, value_civic_participation=True, irm_completion="limited")
    groups = {g.key: g.figures for g in completion_by(Commitment.objects.all(), "ogp_value")}
    assert groups["access_to_information"].irm.complete_rate.as_dict() == {
        "numerator": 1,
        "denominator": 1,
    }
    assert groups["civic_participation"].irm.counts["limited"] == 1
    assert groups["public_accountability"].commitment_count == 0


def test_plan_page_rounds_percentages_half_up_in_spanish(client):
    # 3 of 48 is 6.25 %: a reader rounding by hand writes 6,3 %, never Python's half-even 6,2 %.
    plan = make_plan_with_irm_levels({"complete": 3, "limited": 45})
    response = client.get(f"/plans/{plan.ogp_id}/", HTTP_ACCEPT_LANGUAGE="es")
    text = response.content.decode()
    assert "3 de 48 (6,3\xa0%)" in text
    assert "6,2\xa0%" not in text
