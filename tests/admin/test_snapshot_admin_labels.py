"""The admin names a snapshot row and a snapshot run by what they are: its day, grouping, group and
track; the run's day and row count (the title and breadcrumbs of their pages)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from commitments.models import CompletionSnapshot, SnapshotRun
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    return client


def test_a_snapshot_rows_page_names_its_day_grouping_group_and_track(superuser_client):
    row = CompletionSnapshot.objects.create(
        day=datetime.date(2030, 3, 1),
        grouping="action_plan",
        group_key="AP_AAA01",
        group_label="Aland plan 1",
        track="irm",
        complete=1,
        total=1,
        computed_at=timezone.now(),
    )
    url = reverse("admin:commitments_completionsnapshot_change", args=[row.pk])
    page = superuser_client.get(url).content.decode()
    assert "2030-03-01 action_plan:AP_AAA01 irm" in page


def test_a_snapshot_runs_page_names_its_day_and_row_count(superuser_client):
    run = SnapshotRun.objects.create(
        day=datetime.date(2030, 3, 1), computed_at=timezone.now(), row_count=42
    )
    page = superuser_client.get(
        reverse("admin:commitments_snapshotrun_change", args=[run.pk])
    ).content.decode()
    assert "2030-03-01 (42)" in page
