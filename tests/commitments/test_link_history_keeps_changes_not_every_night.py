"""A link's check history keeps what tells its story, not every identical night: a link that answers
the same way every night has one row ("answered 200, from D1, last seen D2, N checks"), each change of
answer adds one, and a link's admin page lists its latest 20 with a link to all of them."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commitments import tasks
from commitments.models import EvidenceLink
from tests.commitments.test_evidence_links import _post_link, checks_on, site  # noqa: F401
from tests.world import build_world

pytestmark = pytest.mark.django_db

ENGLISH = {"accept-language": "en"}


def _nightly(monkeypatch, link: EvidenceLink, when: datetime.datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: when)
    tasks.check_evidence_link(link.pk)
    monkeypatch.undo()


def _history(link: EvidenceLink) -> list[tuple]:
    return list(
        link.results.order_by("checked_at").values_list(
            "outcome", "status_code", "checked_at", "last_seen_at", "checks"
        )
    )


def test_thirty_identical_nights_leave_one_row_with_the_count_and_the_last_seen_day(
    client,
    site,  # noqa: F811
    checks_on,  # noqa: F811
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    world = build_world()
    site.page("/informe", b"<h1>Informe</h1>")
    link = _post_link(client, world, site.url("/informe"), django_capture_on_commit_callbacks)
    ((_, _, posted, _, _),) = _history(link)
    nights = [posted + datetime.timedelta(days=n) for n in range(1, 30)]
    for night in nights:
        _nightly(monkeypatch, link, night)

    assert _history(link) == [("ok", 200, posted, nights[-1], 30)]
    link.refresh_from_db()
    assert link.checked_at == nights[-1] and link.failed_checks == 0


def test_a_change_of_answer_adds_a_row_and_failures_still_count(
    client,
    site,  # noqa: F811
    checks_on,  # noqa: F811
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    world = build_world()
    site.page("/acta", b"version 1")
    link = _post_link(client, world, site.url("/acta"), django_capture_on_commit_callbacks)
    ((_, _, day0, _, _),) = _history(link)
    day = [day0 + datetime.timedelta(days=n) for n in range(8)]
    _nightly(monkeypatch, link, day[1])
    site.page("/acta", b"version 2")  # new content: a change, even with the same status
    _nightly(monkeypatch, link, day[2])
    site.page("/acta", b"down", status=503)
    _nightly(monkeypatch, link, day[3])
    _nightly(monkeypatch, link, day[4])
    # The same failure delivered twice at once: one row, counted once toward "broken".
    _nightly(monkeypatch, link, day[4] + datetime.timedelta(minutes=1))
    link.refresh_from_db()
    assert link.failed_checks == 2

    site.page("/acta", b"version 2")  # back as before the failure: a change again
    _nightly(monkeypatch, link, day[5])

    assert _history(link) == [
        ("ok", 200, day[0], day[1], 2),
        ("ok", 200, day[2], day[2], 1),
        ("unreachable", 503, day[3], day[4] + datetime.timedelta(minutes=1), 3),
        ("ok", 200, day[5], day[5], 1),
    ]


def _link_with_changes(
    client,
    site,  # noqa: F811
    world,
    monkeypatch,
    capture,
    count: int,
) -> EvidenceLink:
    path = f"/cambia-{count}"
    site.page(path, b"version 0")
    link = _post_link(client, world, site.url(path), capture)
    first = link.results.get().checked_at
    for n in range(1, count):
        site.page(path, f"version {n}".encode())
        _nightly(monkeypatch, link, first + datetime.timedelta(days=n))
    return link


def _admin_pages(client, link: EvidenceLink) -> tuple[str, str, int, int]:
    change = f"/admin/commitments/evidencelink/{link.pk}/change/"
    listing = f"/admin/commitments/linkcheckresult/?link__id__exact={link.pk}"
    with CaptureQueriesContext(connection) as on_change:
        page = client.get(change, headers=ENGLISH)
    assert page.status_code == 200
    with CaptureQueriesContext(connection) as on_listing:
        rows = client.get(listing, headers=ENGLISH)
    assert rows.status_code == 200
    return page.content.decode(), rows.content.decode(), len(on_change), len(on_listing)


def test_a_links_admin_page_lists_its_latest_20_checks_and_links_to_all_of_them(
    client,
    site,  # noqa: F811
    checks_on,  # noqa: F811
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    world = build_world()
    few = _link_with_changes(
        client, site, world, monkeypatch, django_capture_on_commit_callbacks, 2
    )
    client.force_login(world.plan_admin)
    _admin_pages(client, few)  # the first visit fills the content-type cache
    _, _, change_queries, listing_queries = _admin_pages(client, few)
    client.logout()

    link = _link_with_changes(
        client, site, world, monkeypatch, django_capture_on_commit_callbacks, 30
    )
    assert link.results.count() == 30
    client.force_login(world.plan_admin)
    html, listing, change_then, listing_then = _admin_pages(client, link)

    assert html.count('class="field-outcome"') == 20
    page = client.get(f"/admin/commitments/evidencelink/{link.pk}/change/")
    (inline,) = page.context["inline_admin_formsets"]
    newest = list(link.results.order_by("-checked_at").values_list("pk", flat=True)[:20])
    assert [row.original.pk for row in inline] == newest
    spanish = client.get(
        f"/admin/commitments/evidencelink/{link.pk}/change/", headers={"accept-language": "es"}
    ).content.decode()
    assert "Todas las comprobaciones de este enlace (las últimas 20 están abajo)" in spanish
    assert f'href="/admin/commitments/linkcheckresult/?link__id__exact={link.pk}"' in html
    assert "30 link check results" in listing
    assert few.url not in listing
    # Flat: the page of a link with 30 rows asks what the page of a link with 2 asks.
    assert (change_then, listing_then) == (change_queries, listing_queries)
