"""Concurrent writers: refused when they collide on a version, all kept when they append."""

from __future__ import annotations

import pytest
from django.db import connection

from commitments.models import StatusUpdate
from tests import factories
from tests.conftest import REQUIRE_SERVICES
from tests.versioning.test_versioning import run_concurrently


@pytest.fixture(autouse=True)
def _needs_row_locks(transactional_db, live_roles):
    # SQLite's in-memory test database reports lock contention on reads too, at once, so a request
    # can fail after its write committed; these tests need PostgreSQL (CI). The service-level
    # test in test_versioning runs on both engines.
    if connection.vendor != "postgresql":
        if REQUIRE_SERVICES:
            pytest.fail("Concurrency tests need PostgreSQL (DATABASE_URL) in CI.")
        pytest.skip("Concurrency through the API needs PostgreSQL: set DATABASE_URL.")


@pytest.mark.django_db(transaction=True)
def test_ten_clients_patch_same_milestone_exactly_one_wins_through_the_api(token_client):
    milestone = factories.MilestoneFactory()
    clients = [token_client(factories.make_plan_admin(username=f"pa{i}")) for i in range(10)]
    tag = f'"milestone-{milestone.pk}-v1"'

    responses = run_concurrently(
        10,
        lambda i: clients[i].patch(
            f"/api/v1/milestones/{milestone.pk}/",
            {"title": f"Title {i}"},
            format="json",
            HTTP_IF_MATCH=tag,
        ),
    )

    codes = sorted(getattr(r, "status_code", repr(r)) for r in responses)
    assert codes == [200] + [412] * 9
    milestone.refresh_from_db()
    assert milestone.version == 2
    assert milestone.history.filter(history_type="~").count() == 1


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_status_updates_are_all_kept_and_cache_shows_latest(token_client):
    editor = factories.make_editor()
    commitment = factories.CommitmentFactory()
    commitment.monitoring_organizations.add(editor.profile.organization)
    client = token_client(editor)
    levels = ["not_started", "limited", "substantial", "complete"]

    responses = run_concurrently(
        50,
        lambda i: client.post(
            f"/api/v1/commitments/{commitment.ogp_id}/status-updates/",
            {
                "completion": levels[i % 4],
                "as_of": "2013-05-01",
                "links": [f"https://example.org/{i}"],
            },
            format="json",
        ),
    )

    assert [getattr(r, "status_code", repr(r)) for r in responses] == [201] * 50
    assert StatusUpdate.objects.filter(commitment=commitment).count() == 50
    latest = StatusUpdate.objects.filter(commitment=commitment).latest_first().first()
    commitment.refresh_from_db()
    assert commitment.self_reported_completion == latest.completion
    assert commitment.self_reported_as_of == latest.as_of
