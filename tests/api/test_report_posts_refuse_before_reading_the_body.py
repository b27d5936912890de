"""Whoever may not report on a record is told so first: the write API's report POSTs (status
updates, milestone progress, outcome checks) answer 403 with the rule's own reason even when the
body is empty, instead of a 400 about fields the user may not send anyway. Each POST checks its rule
the same way, right after finding the record, as the form pages do."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token

from commitments.models import MilestoneProgress, OutcomeCheck, StatusUpdate
from tests import factories

pytestmark = pytest.mark.django_db

NOT_REPORTER = (
    "You may only report on commitments your organisation monitors, or, as a responsible "
    "official, on those it leads."
)
NOT_MONITORING = "You may only report on milestones of commitments your organisation monitors."
NOT_CHECKER = (
    "Only a civil-society editor of an organisation monitoring this commitment, or an IRM "
    "researcher of its plan, may record outcome checks."
)


def status_update_url() -> str:
    return f"/api/v1/commitments/{factories.CommitmentFactory().ogp_id}/status-updates/"


def milestone_progress_url() -> str:
    return f"/api/v1/milestones/{factories.MilestoneFactory().pk}/progress/"


def outcome_check_url() -> str:
    commitment = factories.CommitmentFactory(self_reported_completion="complete")
    return f"/api/v1/commitments/{commitment.ogp_id}/outcome-checks/"


@pytest.mark.parametrize(
    ("url", "reason", "model"),
    [
        (status_update_url, NOT_REPORTER, StatusUpdate),
        (milestone_progress_url, NOT_MONITORING, MilestoneProgress),
        (outcome_check_url, NOT_CHECKER, OutcomeCheck),
    ],
    ids=["status_update", "milestone_progress", "outcome_check"],
)
def test_a_report_post_with_an_empty_body_is_refused_for_who_may_not_report(
    api_client, url, reason, model
):
    outsider = factories.make_editor()  # an editor whose organisation monitors nothing here
    api_client.credentials(
        HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=outsider).key}",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    response = api_client.post(url(), {}, format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": reason}
    assert not model.objects.exists()
