"""Two IRM reports on one plan published the same day: the later one in the plan's cycle counts as
the latest, whatever order they were entered in. The commitment's IRM completion comes from the
end-of-term report, not the progress report, and its page lists the end-of-term findings first."""

from __future__ import annotations

import datetime

import pytest

from reviews.models import IRMReport
from reviews.services import refresh_irm_summary
from tests import factories
from tests.factories import AssessmentFactory, IRMReportFactory

pytestmark = pytest.mark.django_db

SAME_DAY = datetime.date(2016, 9, 30)


@pytest.mark.parametrize(
    ("later_kind", "earlier_kind"),
    [
        (IRMReport.Kind.END_OF_TERM, IRMReport.Kind.PROGRESS),
        (IRMReport.Kind.RESULTS, IRMReport.Kind.ACTION_PLAN_REVIEW),
    ],
)
def test_the_later_report_in_the_cycle_counts_on_the_same_day(client, later_kind, earlier_kind):
    plan = factories.ActionPlanFactory()
    commitment = factories.CommitmentFactory(action_plan=plan)
    # Entered first, so only the stage (not the row order) puts it first.
    later = IRMReportFactory(action_plan=plan, kind=later_kind, published_on=SAME_DAY)
    AssessmentFactory(report=later, commitment=commitment, completion="complete")
    earlier = IRMReportFactory(action_plan=plan, kind=earlier_kind, published_on=SAME_DAY)
    AssessmentFactory(report=earlier, commitment=commitment, completion="limited")
    refresh_irm_summary([commitment.pk])

    row = client.get(f"/api/v1/commitments/{commitment.ogp_id}/").json()
    assert row["irm_completion"] == "complete"

    html = client.get(
        f"/commitments/{commitment.ogp_id}/", headers={"accept-language": "en"}
    ).content.decode()
    later_label, earlier_label = later.get_kind_display(), earlier.get_kind_display()
    assert later_label in html and earlier_label in html
    assert html.index(later_label) < html.index(earlier_label)
