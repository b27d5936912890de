"""What the API says of a commitment's IRM finding after reports are published: the latest report
that rates completion, and the commitment listed as changed for clients that sync with
`updated_since`."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from commitments.models import Commitment
from reviews.services import publish_report
from tests import factories

pytestmark = pytest.mark.django_db


def publish(plan_admin, commitment, kind, completion, published_on):
    report = factories.IRMReportFactory(
        action_plan=commitment.action_plan, kind=kind, state="submitted", published_on=None
    )
    factories.AssessmentFactory(report=report, commitment=commitment, completion=completion)
    publish_report(report=report, user=plan_admin, published_on=published_on)


def row(client, commitment) -> dict:
    response = client.get(f"/api/v1/commitments/{commitment.ogp_id}/")
    assert response.status_code == 200
    return response.json()


def test_a_later_report_that_does_not_rate_completion_leaves_the_earlier_finding(
    client, plan_admin
):
    commitment = factories.CommitmentFactory()
    publish(plan_admin, commitment, "progress", "limited", datetime.date(2014, 3, 1))
    publish(plan_admin, commitment, "end_of_term", "", datetime.date(2015, 3, 1))

    assert row(client, commitment)["irm_completion"] == "limited"


def test_the_latest_report_that_rates_completion_wins(client, plan_admin):
    commitment = factories.CommitmentFactory()
    publish(plan_admin, commitment, "progress", "limited", datetime.date(2014, 3, 1))
    publish(plan_admin, commitment, "end_of_term", "complete", datetime.date(2015, 3, 1))

    assert row(client, commitment)["irm_completion"] == "complete"


def test_a_published_finding_lists_the_commitment_as_changed(client, plan_admin):
    commitment = factories.CommitmentFactory()
    Commitment.objects.filter(pk=commitment.pk).update(
        updated_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    since = timezone.now().isoformat()

    publish(plan_admin, commitment, "progress", "substantial", datetime.date(2014, 3, 1))

    response = client.get("/api/v1/commitments/", {"updated_since": since})
    assert [r["ogp_id"] for r in response.json()["results"]] == [commitment.ogp_id]
