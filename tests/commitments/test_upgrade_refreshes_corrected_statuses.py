"""Upgrading (migration commitments 0028) puts right the current status of commitments whose wrong
update was corrected before corrected updates stopped counting: the API shows the correction."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps

from commitments.models import Commitment
from tests import factories

pytestmark = pytest.mark.django_db

migration = importlib.import_module("commitments.migrations.0028_refresh_corrected_statuses")


def test_a_commitment_cached_with_its_corrected_update_shows_the_correction(api_client):
    commitment = factories.CommitmentFactory(ogp_id="PE0021")
    wrong = factories.StatusUpdateFactory(
        commitment=commitment, completion="substantial", as_of=datetime.date(2026, 12, 7)
    )
    factories.StatusUpdateFactory(
        commitment=commitment,
        completion="limited",
        as_of=datetime.date(2026, 12, 1),
        corrects=wrong,
    )
    untouched = factories.CommitmentFactory(ogp_id="PE0022")
    factories.StatusUpdateFactory(
        commitment=untouched, completion="complete", as_of=datetime.date(2026, 11, 1)
    )
    # As a database from before the fix holds them: the wrong update cached as current.
    Commitment.objects.filter(pk__in=[commitment.pk, untouched.pk]).update(
        self_reported_completion="substantial", self_reported_as_of=datetime.date(2026, 12, 7)
    )

    migration.refresh_corrected(apps, None)

    shown = api_client.get("/api/v1/commitments/PE0021/").json()["civil_society"]
    assert shown == {"completion": "limited", "as_of": "2026-12-01"}
    # A commitment with no correction is left as it is.
    untouched_shown = api_client.get("/api/v1/commitments/PE0022/").json()["civil_society"]
    assert untouched_shown["completion"] == "substantial"
