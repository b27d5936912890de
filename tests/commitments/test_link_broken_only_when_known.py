"""A link is "broken" only when that is known: the server says the page is not there (a 404 marks it
at once), or it could not be reached on several checks spread over days. One failure to reach it (no
internet, DNS, a 5xx) says "could not be checked on D", in Spanish too; each change of answer is kept."""

from __future__ import annotations

import datetime
import socket

import pytest
from django.utils import timezone

from commitments import tasks
from commitments.evidence import linkfetch
from commitments.models import EvidenceLink
from tests.commitments.test_evidence_links import _page, _post_link, checks_on, site  # noqa: F401
from tests.world import build_world

pytestmark = pytest.mark.django_db


def _no_dns(host: str, port: int) -> list[str]:
    raise socket.gaierror(-3, "Temporary failure in name resolution")


def _evidence(client, world) -> dict:
    history = client.get(f"/api/v1/commitments/{world.commitment.ogp_id}/history/").json()
    (evidence,) = history["status_updates"][0]["evidence"]
    return evidence


def _check_on(monkeypatch, link: EvidenceLink, when: datetime.datetime) -> EvidenceLink:
    monkeypatch.setattr(timezone, "now", lambda: when)
    tasks.check_evidence_link(link.pk)
    monkeypatch.undo()
    link.refresh_from_db()
    return link


def test_a_dns_failure_says_could_not_be_checked_not_broken(
    client,
    checks_on,  # noqa: F811
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    monkeypatch.setattr(linkfetch, "resolve", _no_dns)
    world = build_world()
    link = _post_link(
        client, world, "https://evidencia.invalid/informe", django_capture_on_commit_callbacks
    )
    link.refresh_from_db()
    assert link.error_code == "dns" and link.broken_since is None
    english, spanish = _page(client, world), _page(client, world, "es")
    assert "could not be checked on" in english and "broken since" not in english
    assert "no se pudo comprobar el" in spanish and "roto desde" not in spanish
    evidence = _evidence(client, world)
    assert evidence["link_state"] == "unreachable" and evidence["broken_since"] is None
    assert evidence["unreachable_since"] is not None
    assert [r.outcome for r in link.results.all()] == ["unreachable"]


def test_three_failures_over_seven_days_make_it_broken_and_an_answer_clears_it(
    client,
    site,  # noqa: F811
    checks_on,  # noqa: F811
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    world = build_world()
    site.page("/acta", b"down", status=503)
    link = _post_link(client, world, site.url("/acta"), django_capture_on_commit_callbacks)
    link.refresh_from_db()
    first = link.unreachable_since
    assert link.status_code == 503 and first is not None and link.broken_since is None

    # Three failures within a day: not enough time.
    link = _check_on(monkeypatch, link, first + datetime.timedelta(hours=12))
    link = _check_on(monkeypatch, link, first + datetime.timedelta(hours=20))
    assert link.failed_checks == 3 and link.broken_since is None
    assert "could not be checked on" in _page(client, world)
    # A week after the first failure, still failing: broken since that first failure.
    link = _check_on(monkeypatch, link, first + datetime.timedelta(days=7, hours=1))
    assert link.broken_since == first
    assert "broken since" in _page(client, world)
    assert _evidence(client, world)["link_state"] == "broken"

    site.page("/acta", b"back")
    link = _check_on(monkeypatch, link, first + datetime.timedelta(days=8))
    assert link.broken_since is None and link.unreachable_since is None
    assert link.failed_checks == 0
    html = _page(client, world)
    assert "checked on" in html and "broken since" not in html
    assert "could not be checked" not in html
    assert _evidence(client, world)["link_state"] == "ok"
    # Four failures alike are one history row counting them; the answer is the next.
    history = link.results.order_by("checked_at").values_list("outcome", "checks")
    assert list(history) == [("unreachable", 4), ("ok", 1)]


def test_two_failures_a_week_apart_are_not_enough(
    client,
    site,  # noqa: F811
    checks_on,  # noqa: F811
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    world = build_world()
    site.page("/lento", b"busy", status=429)
    link = _post_link(client, world, site.url("/lento"), django_capture_on_commit_callbacks)
    link.refresh_from_db()
    link = _check_on(monkeypatch, link, link.unreachable_since + datetime.timedelta(days=9))
    assert link.failed_checks == 2 and link.broken_since is None
    assert "could not be checked on" in _page(client, world)


def test_a_404_is_broken_at_once(
    client,
    site,  # noqa: F811
    checks_on,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    world = build_world()
    site.page("/borrado", b"gone", status=404)
    link = _post_link(client, world, site.url("/borrado"), django_capture_on_commit_callbacks)
    link.refresh_from_db()
    assert link.broken_since is not None and link.broken_since == link.checked_at
    assert "broken since" in _page(client, world)
    assert "roto desde el" in _page(client, world, "es")
    assert _evidence(client, world)["link_state"] == "broken"


def test_a_redirect_to_a_missing_page_is_broken_at_once(
    client,
    site,  # noqa: F811
    checks_on,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    world = build_world()
    site.page("/viejo", b"", status=301, Location="/desaparecido")
    link = _post_link(client, world, site.url("/viejo"), django_capture_on_commit_callbacks)
    link.refresh_from_db()
    assert link.status_code == 404 and link.final_url == site.url("/desaparecido")
    assert link.broken_since is not None


def test_the_admin_in_spanish_words_the_error_in_spanish(
    client,
    checks_on,  # noqa: F811
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    monkeypatch.setattr(linkfetch, "resolve", _no_dns)
    world = build_world()
    link = _post_link(
        client, world, "https://evidencia.invalid/acta", django_capture_on_commit_callbacks
    )
    client.force_login(world.plan_admin)
    spanish = {"accept-language": "es"}
    listing = client.get("/admin/commitments/evidencelink/?state=unreachable", headers=spanish)
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "https://evidencia.invalid/acta" in html
    assert "El nombre del servidor no se resuelve" in html
    assert "The host name does not resolve" not in html
    detail = client.get(f"/admin/commitments/evidencelink/{link.pk}/change/", headers=spanish)
    assert detail.status_code == 200
    assert "El nombre del servidor no se resuelve" in detail.content.decode()
    assert "No se pudo acceder" in detail.content.decode()  # the check's outcome, in the history
    english = client.get("/admin/commitments/evidencelink/", headers={"accept-language": "en"})
    assert "The host name does not resolve" in english.content.decode()
