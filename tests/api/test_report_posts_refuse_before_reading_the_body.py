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


def _as_outsider(api_client):
    outsider = factories.make_editor()  # an editor whose organisation monitors nothing here
    api_client.credentials(
        HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=outsider).key}",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    return api_client


def test_status_update_post_with_an_empty_body_is_refused_for_who_may_not_report(api_client):
    commitment = factories.CommitmentFactory()
    response = _as_outsider(api_client).post(
        f"/api/v1/commitments/{commitment.ogp_id}/status-updates/", {}, format="json"
    )
    assert response.status_code == 403
    assert response.json() == {"detail": NOT_REPORTER}
    assert not StatusUpdate.objects.exists()


def test_milestone_progress_post_with_an_empty_body_is_refused_for_who_may_not_report(api_client):
    milestone = factories.MilestoneFactory()
    response = _as_outsider(api_client).post(
        f"/api/v1/milestones/{milestone.pk}/progress/", {}, format="json"
    )
    assert response.status_code == 403
    assert response.json() == {"detail": NOT_MONITORING}
    assert not MilestoneProgress.objects.exists()


def test_outcome_check_post_with_an_empty_body_is_refused_for_who_may_not_check(api_client):
    commitment = factories.CommitmentFactory(self_reported_completion="complete")
    response = _as_outsider(api_client).post(
        f"/api/v1/commitments/{commitment.ogp_id}/outcome-checks/", {}, format="json"
    )
    assert response.status_code == 403
    assert response.json() == {"detail": NOT_CHECKER}
    assert not OutcomeCheck.objects.exists()
