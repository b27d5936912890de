"""A link check delivered twice (a redelivered task, a link queued again) counts its failure once:
a failure counts toward "broken" only when the link's previous check is over an hour old."""

from __future__ import annotations

import datetime

import pytest

from tests.commitments.test_evidence_links import _post_link, checks_on, site  # noqa: F401
from tests.commitments.test_link_broken_only_when_known import _check_on
from tests.world import build_world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("apart", "counted"),
    [(datetime.timedelta(minutes=1), 1), (datetime.timedelta(days=1), 2)],
    ids=["a-minute-apart", "a-day-apart"],
)
def test_two_failed_checks_count_twice_only_when_an_hour_apart(
    client,
    site,  # noqa: F811
    checks_on,  # noqa: F811
    monkeypatch,
    django_capture_on_commit_callbacks,
    apart,
    counted,
):
    world = build_world()
    site.page("/acta", b"down", status=503)
    link = _post_link(client, world, site.url("/acta"), django_capture_on_commit_callbacks)
    link.refresh_from_db()
    assert link.failed_checks == 1

    link = _check_on(monkeypatch, link, link.checked_at + apart)
    assert link.failed_checks == counted
    # Both checks are kept as one history row that saw the same failure twice.
    assert list(link.results.values_list("checks", flat=True)) == [2]


def test_a_failure_right_after_an_answer_counts(
    client,
    site,  # noqa: F811
    checks_on,  # noqa: F811
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    world = build_world()
    site.page("/acta", b"up")
    link = _post_link(client, world, site.url("/acta"), django_capture_on_commit_callbacks)
    link.refresh_from_db()
    assert link.failed_checks == 0

    site.page("/acta", b"down", status=503)
    link = _check_on(monkeypatch, link, link.checked_at + datetime.timedelta(minutes=1))
    assert link.failed_checks == 1 and link.unreachable_since is not None
