"""A real Celery worker against Redis and PostgreSQL: a status update posted on the web reaches its
follower by email through the worker, and a worker killed while it holds that task loses nothing."""

from __future__ import annotations

import email
import email.header
import time
from pathlib import Path

import psycopg2
import pytest
from django.db import connection
from django.utils import timezone

from commitments.models import Follow, NotificationDelivery, StatusUpdate
from commitments.tasks import notify_status_update
from tests.factories import CommitmentFactory, StatusUpdateFactory, UserFactory, make_editor

from .conftest import wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

# What Django's file email backend writes after each message.
SEPARATOR = b"\n" + b"-" * 79 + b"\n"


def emails_in(folder: Path) -> list[email.message.Message]:
    """Every email the worker wrote into `folder`."""
    found = []
    for path in sorted(folder.glob("*.log")):
        for raw in path.read_bytes().split(SEPARATOR):
            if raw.strip():
                found.append(email.message_from_bytes(raw))
    return found


def subject(message: email.message.Message) -> str:
    return str(email.header.make_header(email.header.decode_header(message["Subject"])))


@pytest.fixture
def followed(db):
    """A commitment an editor monitors, followed (instant emails) by someone else."""
    editor = make_editor()
    commitment = CommitmentFactory()
    commitment.monitoring_organizations.add(editor.profile.organization)
    follower = UserFactory(username="follower", email="follower@example.org")
    Follow.objects.create(user=follower, commitment=commitment, frequency="instant")
    return editor, commitment, follower


def test_a_status_update_posted_on_the_web_is_emailed_to_the_follower_by_the_worker(
    start_worker, client, followed, tmp_path
):
    editor, commitment, follower = followed
    mail = tmp_path / "mail"
    mail.mkdir()
    start_worker(TEST_EMAIL_DIR=str(mail))

    client.force_login(editor)
    response = client.post(
        f"/commitments/{commitment.ogp_id}/report/",
        {
            "completion": "complete",
            "note": "Portal live",
            "as_of": timezone.localdate().isoformat(),
            "links": "https://example.org/evidence",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    update = StatusUpdate.objects.get(commitment=commitment)
    delivery = wait_until(
        lambda: NotificationDelivery.objects.filter(
            event_key=f"statusupdate:{update.pk}", sent_at__isnull=False
        ).first(),
        timeout=40,
        what="the worker to email the follower about the status update",
    )
    assert (delivery.user_id, delivery.error) == (follower.pk, "")
    [message] = wait_until(lambda: emails_in(mail), timeout=10, what="the email to be written")
    assert message["To"] == "follower@example.org"
    assert commitment.ogp_id in subject(message)
    assert "Portal live" in message.get_payload(decode=True).decode()


# Short, so the killed worker's unacknowledged message comes back in seconds, not an hour.
VISIBILITY_TIMEOUT = 30


def test_a_worker_killed_while_it_holds_a_task_loses_nothing_and_the_next_one_sends_it_once(
    start_worker, followed, tmp_path
):
    editor, commitment, follower = followed
    update = StatusUpdateFactory(commitment=commitment, author=editor, completion="limited")
    mail = tmp_path / "mail"
    mail.mkdir()
    env = {"TEST_EMAIL_DIR": str(mail), "TEST_CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT)}

    # Another session holds the status updates table: the task's first read waits on it, so the
    # worker is killed in the middle of the task, before it has written or sent anything.
    db = connection.settings_dict
    blocker = psycopg2.connect(
        dbname=db["NAME"],
        user=db["USER"] or "postgres",
        password=db["PASSWORD"] or None,
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
    )
    held = blocker.cursor()

    def waiting_on_a_lock() -> int:
        # The activity view is read once per transaction, and this one stays open: read it afresh.
        held.execute("SELECT pg_stat_clear_snapshot()")
        held.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
            "AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'",
            [db["NAME"]],
        )
        return held.fetchone()[0]

    try:
        held.execute(f'LOCK TABLE "{StatusUpdate._meta.db_table}" IN ACCESS EXCLUSIVE MODE')
        first = start_worker(**env)
        notify_status_update.delay(update.pk)
        first.wait_for_log("notify_status_update", timeout=15)
        received_at = time.monotonic()
        wait_until(waiting_on_a_lock, timeout=15, what="the task to wait on the held table")
        assert "succeeded" not in first.log()
        first.kill()
    finally:
        blocker.rollback()
        blocker.close()

    time.sleep(1)  # the killed worker's session, if it ran its read at last, has nobody to answer
    assert not NotificationDelivery.objects.exists()
    assert emails_in(mail) == []

    # The message was never acknowledged: once the visibility timeout passes, the next worker gets
    # it back from the broker and runs it to the end.
    time.sleep(max(0.0, VISIBILITY_TIMEOUT + 1 - (time.monotonic() - received_at)))
    start_worker(**env)
    wait_until(
        lambda: NotificationDelivery.objects.filter(sent_at__isnull=False).exists(),
        timeout=60,
        what="the second worker to run the requeued notification",
    )
    delivery = NotificationDelivery.objects.get()
    assert (delivery.user_id, delivery.event_key) == (follower.pk, f"statusupdate:{update.pk}")
    time.sleep(2)  # nothing more comes: one email, to the follower
    [message] = emails_in(mail)
    assert message["To"] == "follower@example.org"
