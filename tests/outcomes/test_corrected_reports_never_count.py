"""An outcome check or a milestone report that a later one corrects was a mistake: it counts on no
day, even when its (wrong) date is the later one, as a corrected status update does. Until
7 December the outcome figure and the commitment page's milestone table took the report with the
latest date, corrected or not, so a monitor who typed "in force, 2016" by mistake and corrected it
with "dead letter, 2015" still saw "in force" counted."""

from __future__ import annotations

import datetime

import pytest

from commitments.models import MilestoneProgress
from tests import factories

from .test_outcome_checks import completed_on

pytestmark = pytest.mark.django_db
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def _completed_commitment():
    """A commitment civil society reported complete in 2013, of a plan that ended in 2014."""
    plan = factories.ActionPlanFactory(
        start_date=datetime.date(2012, 1, 1), end_date=datetime.date(2014, 1, 1)
    )
    return completed_on(plan, datetime.date(2013, 6, 1))


def test_a_corrected_outcome_check_counts_on_no_day(client):
    commitment = _completed_commitment()
    wrong = factories.OutcomeCheckFactory(
        commitment=commitment, checked_on=datetime.date(2016, 1, 1), verdict="in_force_applied"
    )
    factories.OutcomeCheckFactory(
        commitment=commitment,
        checked_on=datetime.date(2015, 6, 1),
        verdict="dead_letter",
        corrects=wrong,
    )
    url = f"/api/v1/action-plans/{commitment.action_plan.ogp_id}/"

    now = client.get(url).json()["outcomes"]
    assert now["verdicts"]["dead_letter"] == 1 and now["verdicts"]["in_force_applied"] == 0
    assert now["last_checked_on"] == "2015-06-01"
    later = client.get(url, {"as_of": "2016-06-30"}).json()["outcomes"]
    assert later["in_force_applied"]["numerator"] == 0
    # Before the correction's own date, no standing check yet.
    before = client.get(url, {"as_of": "2015-05-31"}).json()["outcomes"]
    assert before["verdicts"]["no_check"] == 1 and before["verdicts"]["in_force_applied"] == 0
    page = client.get(f"/plans/{commitment.action_plan.ogp_id}/", **EN).content.decode()
    assert "Of the 1 commitment completed, 0 still in force and applied on" in page


def test_a_corrected_milestone_report_is_not_the_milestones_latest(client):
    commitment = _completed_commitment()
    milestone = factories.MilestoneFactory(commitment=commitment)
    author = factories.UserFactory()
    wrong = MilestoneProgress.objects.create(
        milestone=milestone,
        level="met",
        reported_on=datetime.date(2021, 3, 1),
        evidence_url="https://example.org/a",
        author=author,
    )
    MilestoneProgress.objects.create(
        milestone=milestone,
        level="not_met",
        reported_on=datetime.date(2021, 2, 1),
        author=author,
        corrects=wrong,
    )
    html = client.get(f"/commitments/{commitment.ogp_id}/", **EN).content.decode()
    row = html.split(milestone.title[:40], 1)[1].split("</tr>", 1)[0]
    assert "Not met" in row and "progress-met" not in row
