"""No lost updates: a change made over a newer version is refused with what changed and by whom."""

from __future__ import annotations

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, connections

from commitments.models import Commitment
from commitments.versioning import StaleVersion, update_versioned
from tests import factories


@pytest.mark.django_db
def test_update_bumps_version_and_records_who_before_and_after(commitment):
    ana = factories.make_plan_admin(username="ana", first_name="Ana", last_name="Rojas")
    updated = update_versioned(
        Commitment, commitment.pk, expected_version=1, changes={"title": "New"}, user=ana
    )
    assert updated.version == 2
    latest = commitment.history.latest()
    assert (latest.history_user, latest.title, latest.version) == (ana, "New", 2)
    assert latest.prev_record.title == commitment.title


@pytest.mark.django_db
def test_update_over_newer_version_is_refused_naming_who_changed_what(commitment):
    ana = factories.make_plan_admin(username="ana", first_name="Ana", last_name="Rojas")
    bob = factories.make_plan_admin(username="bob")
    old_title = commitment.title
    update_versioned(commitment, expected_version=1, changes={"title": "Ana's"}, user=ana)

    with pytest.raises(StaleVersion) as refused:
        update_versioned(commitment, expected_version=1, changes={"title": "Bob's"}, user=bob)

    stale = refused.value
    assert stale.changed_by == ana
    assert [(c.field, c.old, c.new) for c in stale.changes] == [("title", old_title, "Ana's")]
    assert "Ana Rojas" in stale.message() and f"{old_title} -> Ana's" in stale.message()
    commitment.refresh_from_db()
    assert (commitment.title, commitment.version) == ("Ana's", 2)
    assert commitment.history.count() == 2  # created, Ana's change; Bob's refusal wrote nothing


@pytest.mark.django_db
def test_invalid_change_writes_nothing(commitment):
    admin = factories.make_plan_admin()
    with pytest.raises(ValidationError, match="ogp_id"):
        update_versioned(commitment, expected_version=1, changes={"ogp_id": "bad id"}, user=admin)
    commitment.refresh_from_db()
    assert commitment.version == 1
    assert commitment.history.count() == 1


def _retrying_sqlite_lock_contention(work, i: int):
    # The SQLite test database is in-memory with a shared cache, where lock contention is reported
    # at once ("table is locked") instead of waiting as a file database does (timeout 20 s): retry
    # that, as a client would. PostgreSQL waits on the row lock and needs no retry.
    for _attempt in range(200):
        try:
            return work(i)
        except OperationalError as exc:
            if connection.vendor != "sqlite" or "locked" not in str(exc):
                raise
            time.sleep(0.01)
    raise AssertionError("still locked after 200 attempts")


def run_concurrently(count: int, work) -> list:
    """Run `work(i)` in `count` threads released at once, each on its own database connection."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            results[i] = _retrying_sqlite_lock_contention(work, i)
        except Exception as exc:  # collected and asserted on by the caller
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.mark.django_db(transaction=True)
def test_ten_clients_same_starting_version_exactly_one_wins(live_roles):
    commitment = factories.CommitmentFactory()
    users = [factories.make_plan_admin(username=f"admin{i}") for i in range(10)]

    results = run_concurrently(
        10,
        lambda i: update_versioned(
            Commitment,
            commitment.pk,
            expected_version=1,
            changes={"title": f"Title from client {i}"},
            user=users[i],
        ),
    )

    winners = [r for r in results if isinstance(r, Commitment)]
    refused = [r for r in results if isinstance(r, StaleVersion)]
    assert (len(winners), len(refused)) == (1, 9), results
    commitment.refresh_from_db()
    assert commitment.version == 2
    assert commitment.title == winners[0].title
    changes = commitment.history.filter(history_type="~")
    assert changes.count() == 1
    assert all(r.changed_by == changes.get().history_user for r in refused)
