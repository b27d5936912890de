"""Evidence that lasts: links checked after posting and nightly, against pages served here on
127.0.0.1 that change, break and redirect; private addresses refused when the setting is off."""

from __future__ import annotations

import datetime
import hashlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commitments import tasks
from commitments.evidence import linkfetch
from commitments.models import EvidenceLink, OutcomeCheck
from commitments.outcomes.services import record_outcome_check
from tests import factories
from tests.world import build_world

pytestmark = pytest.mark.django_db


class Site:
    """A tiny web site whose pages a test rewrites: path -> (status, headers, body)."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.hits: list[tuple[str, str]] = []  # (path, Host header)
        self.delay = 0.0
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.hits.append((self.path, self.headers.get("Host", "")))
                if site.delay:
                    time.sleep(site.delay)
                status, headers, body = site.pages.get(self.path, (404, {}, b"not here"))
                self.send_response(status)
                for name, value in {"Content-Type": "text/html", **headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def page(self, path: str, body: bytes, status: int = 200, **headers: str) -> None:
        self.pages[path] = (status, headers, body)


@pytest.fixture
def site():
    served = Site()
    yield served
    served.server.shutdown()
    served.server.server_close()


@pytest.fixture
def checks_on(settings, tasks_in_process):
    """Checks on, private addresses allowed (the pages are served here), the check task run in
    process."""
    settings.EVIDENCE_LINK_CHECKS = True
    settings.EVIDENCE_LINK_ALLOW_PRIVATE = True
    settings.EVIDENCE_LINK_TIMEOUT_SECONDS = 5
    return settings


def _post_link(client, world, url: str, django_capture_on_commit_callbacks) -> EvidenceLink:
    client.force_login(world.editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/commitments/{world.commitment.ogp_id}/report/",
            {"completion": "limited", "note": "Informe.", "links": url, "as_of": "2013-06-01"},
        )
    assert response.status_code == 302, response.context["form"].errors
    client.logout()
    return EvidenceLink.objects.get(url=url)


def _page(client, world, lang: str = "en") -> str:
    response = client.get(
        f"/commitments/{world.commitment.ogp_id}/", headers={"accept-language": lang}
    )
    assert response.status_code == 200
    return response.content.decode()


def test_a_posted_link_is_checked_and_the_page_says_checked_on(
    client, site, checks_on, django_capture_on_commit_callbacks
):
    world = build_world()
    site.page("/informe", b"<h1>Informe 2013</h1>", **{"Content-Type": "text/html; charset=utf-8"})
    link = _post_link(client, world, site.url("/informe"), django_capture_on_commit_callbacks)
    link.refresh_from_db()
    assert link.status_code == 200
    assert link.sha256 == hashlib.sha256(b"<h1>Informe 2013</h1>").hexdigest()
    assert link.first_sha256 == link.sha256
    assert link.content_type == "text/html; charset=utf-8"
    assert link.size == len(b"<h1>Informe 2013</h1>")
    assert link.final_url == site.url("/informe")
    assert link.broken_since is None and link.changed_at is None
    today = timezone.localdate(link.checked_at)
    assert "checked on" in _page(client, world)
    assert f"comprobado el {today.day}" in _page(client, world, "es")


def test_a_page_that_changes_is_shown_changed_and_a_broken_one_broken_since(
    client, site, checks_on, django_capture_on_commit_callbacks
):
    world = build_world()
    site.page("/acta", b"version 1")
    link = _post_link(client, world, site.url("/acta"), django_capture_on_commit_callbacks)
    assert "changed since it was posted" not in _page(client, world)

    site.page("/acta", b"version 2")
    checks_on.EVIDENCE_LINK_RECHECK_HOURS = 0  # every link is due: the nightly run checks them all
    assert tasks.check_evidence_links() == 1
    link.refresh_from_db()
    assert link.changed_at is not None and link.first_sha256 != link.sha256
    html = _page(client, world)
    assert "changed since it was posted" in html

    site.page("/acta", b"gone", status=404)
    tasks.check_evidence_link(link.pk)
    link.refresh_from_db()
    first_broken = link.broken_since
    assert link.status_code == 404 and first_broken is not None
    assert "broken since" in _page(client, world)
    history = client.get(f"/api/v1/commitments/{world.commitment.ogp_id}/history/").json()
    (evidence,) = history["status_updates"][0]["evidence"]
    assert evidence["broken_since"] is not None and evidence["changed_since_posted"] is True
    # Checked again while still broken: "broken since" keeps the first failure's time.
    tasks.check_evidence_link(link.pk)
    link.refresh_from_db()
    assert link.broken_since == first_broken

    site.page("/acta", b"version 1")  # back, as it was posted
    tasks.check_evidence_link(link.pk)
    link.refresh_from_db()
    assert link.broken_since is None and link.changed_at is None
    assert "broken since" not in _page(client, world)


def test_redirects_are_followed_to_the_final_address(site, checks_on):
    site.page("/viejo", b"", status=301, Location="/nuevo")
    site.page("/nuevo", b"", status=302, Location=site.url("/final"))
    site.page("/final", b"here")
    fetched = linkfetch.fetch(site.url("/viejo"), linkfetch.Limits(allow_private=True))
    assert fetched.ok and fetched.status == 200
    assert fetched.final_url == site.url("/final")
    assert [path for path, _host in site.hits] == ["/viejo", "/nuevo", "/final"]


def test_a_private_address_is_refused_without_a_request_when_the_setting_is_off(
    client, site, checks_on, django_capture_on_commit_callbacks
):
    checks_on.EVIDENCE_LINK_ALLOW_PRIVATE = False
    world = build_world()
    site.page("/interno", b"secret")
    link = _post_link(client, world, site.url("/interno"), django_capture_on_commit_callbacks)
    link.refresh_from_db()
    assert site.hits == []
    assert link.error_code == "private"
    # Seen from this server only: "could not be checked", not yet broken.
    assert link.unreachable_since is not None and link.status_code is None
    assert link.broken_since is None
    assert "could not be checked on" in _page(client, world)
    for address in ("10.0.0.1", "169.254.169.254", "192.168.1.1", "::1", "::ffff:127.0.0.1"):
        assert not linkfetch.address_allowed(address, allow_private=False)
    assert linkfetch.address_allowed("8.8.8.8", allow_private=False)


def test_every_redirect_is_checked_again(site, monkeypatch):
    # 127.0.0.1 stands for a public address here; 127.0.0.2 for a private one a redirect leads to.
    monkeypatch.setattr(
        linkfetch,
        "address_allowed",
        lambda address, *, allow_private: address == "127.0.0.1",
    )
    site.page("/salto", b"", status=302, Location=site.url("/x", host="127.0.0.2"))
    fetched = linkfetch.fetch(site.url("/salto"), linkfetch.Limits())
    assert not fetched.ok and fetched.error_code == "private"
    assert [path for path, _host in site.hits] == ["/salto"]

    site.page("/archivo", b"", status=302, Location="file:///etc/passwd")
    fetched = linkfetch.fetch(site.url("/archivo"), linkfetch.Limits())
    assert fetched.error_code == "scheme"


def test_the_name_is_resolved_once_and_the_checked_address_is_used(site, monkeypatch):
    asked = []

    def resolve(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["127.0.0.1"]  # "evidencia.test" exists nowhere else: only this answer is used

    monkeypatch.setattr(linkfetch, "resolve", resolve)
    site.page("/p", b"ok")
    fetched = linkfetch.fetch(
        site.url("/p", host="evidencia.test"), linkfetch.Limits(allow_private=True)
    )
    assert fetched.ok
    assert asked == ["evidencia.test"]
    assert site.hits == [("/p", f"evidencia.test:{site.port}")]


def test_size_and_time_are_capped(site):
    site.page("/grande", b"x" * 5000)
    fetched = linkfetch.fetch(
        site.url("/grande"), linkfetch.Limits(allow_private=True, max_bytes=1024)
    )
    assert fetched.ok and fetched.truncated and fetched.size == 1024
    assert fetched.sha256 == hashlib.sha256(b"x" * 1024).hexdigest()

    site.page("/lento", b"slow")
    site.delay = 2
    started = time.monotonic()
    fetched = linkfetch.fetch(site.url("/lento"), linkfetch.Limits(allow_private=True, timeout=0.5))
    assert not fetched.ok and fetched.error_code == "timeout"
    assert time.monotonic() - started < 1.5


def test_a_copy_is_stored_up_to_the_configured_size(client, site, checks_on):
    checks_on.EVIDENCE_LINK_COPY_MAX_BYTES = 100
    world = build_world()
    update = factories.StatusUpdateFactory(commitment=world.commitment, author=world.editor)
    small = update.evidence.create(url=site.url("/corto"))
    large = update.evidence.create(url=site.url("/largo"))
    site.page("/corto", b"short page")
    site.page("/largo", b"y" * 500)
    assert tasks.check_evidence_links() == 2  # the nightly run makes the missing check rows too
    small_link, large_link = small.link_check, large.link_check
    small_link.refresh_from_db()
    large_link.refresh_from_db()
    assert small_link.copy.read() == b"short page"
    assert not large_link.copy and large_link.status_code == 200


def test_an_outcome_checks_evidence_link_is_checked_too(
    site, checks_on, django_capture_on_commit_callbacks
):
    world = build_world()
    site.page("/ley", b"Ley 1234")
    with django_capture_on_commit_callbacks(execute=True):
        check = record_outcome_check(
            commitment=world.commitment,
            author=world.editor,
            checked_on=datetime.date(2015, 1, 1),
            verdict="in_force_applied",
            evidence_url=site.url("/ley"),
        )
    link = OutcomeCheck.objects.get(pk=check.pk).link_check
    assert link.status_code == 200 and link.first_sha256


def _broken_links(count: int):
    world = build_world()
    update = factories.StatusUpdateFactory(commitment=world.commitment, author=world.editor)
    for n in range(count):
        evidence = update.evidence.create(url=f"https://example.org/{n}")
        EvidenceLink.objects.create(
            status_evidence=evidence,
            url=evidence.url,
            checked_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
            broken_since=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
            status_code=404,
        )
    return world


def test_plan_admin_lists_broken_evidence_in_flat_queries(client):
    world = _broken_links(2)
    client.force_login(world.plan_admin)
    url = f"/admin/commitments/evidencelink/?state=broken&plan={world.plan.pk}"
    with CaptureQueriesContext(connection) as two:
        response = client.get(url)
    assert response.status_code == 200
    assert "https://example.org/1" in response.content.decode()
    assert world.commitment.ogp_id in response.content.decode()
    for n in range(2, 20):
        EvidenceLink.objects.create(
            status_evidence=world.commitment.status_updates.first().evidence.create(
                url=f"https://example.org/more-{n}"
            ),
            url=f"https://example.org/more-{n}",
            broken_since=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        )
    with CaptureQueriesContext(connection) as twenty:
        client.get(url)
    assert len(twenty) == len(two)


def test_editor_cannot_see_the_broken_evidence_list(client):
    world = _broken_links(1)
    client.force_login(world.editor)
    response = client.get("/admin/commitments/evidencelink/")
    assert response.status_code in (302, 403)
