"""Evidence link checks read one way in Spanish: "comprobado el D" beside "no se pudo comprobar el
D" on the pages, "comprobación" in the admin, whose labels are all in Spanish too. An outcome
check (did the commitment last?) keeps its own word, "verificado el D"."""

from __future__ import annotations

import re
import socket

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from commitments.evidence import linkfetch
from tests.commitments.test_evidence_links import _page, _post_link, checks_on, site  # noqa: F401
from tests.world import build_world

pytestmark = pytest.mark.django_db

SPANISH = {"accept-language": "es"}


def _no_dns(host: str, port: int) -> list[str]:
    raise socket.gaierror(-3, "Temporary failure in name resolution")


def _link_notes(html: str) -> list[str]:
    """What the page says beside each evidence link."""
    return re.findall(r'<span class="link-check[^"]*">([^<]*)</span>', html)


def test_a_checked_link_says_comprobado_beside_no_se_pudo_comprobar(
    client,
    site,  # noqa: F811
    checks_on,  # noqa: F811
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    world = build_world()
    site.page("/informe", b"<h1>Informe</h1>")
    link = _post_link(client, world, site.url("/informe"), django_capture_on_commit_callbacks)
    link.refresh_from_db()
    with translation.override("es"):
        day = date_format(timezone.localdate(link.checked_at), "DATE_FORMAT")
    assert _link_notes(_page(client, world, "es")) == [f"comprobado el {day}"]
    assert _link_notes(_page(client, world)) != []  # English still says "checked on"
    assert "checked on" in _link_notes(_page(client, world))[0]

    monkeypatch.setattr(linkfetch, "resolve", _no_dns)
    _post_link(client, world, "https://evidencia.invalid/acta", django_capture_on_commit_callbacks)
    notes = _link_notes(_page(client, world, "es"))
    assert any(note.startswith("no se pudo comprobar el ") for note in notes)
    assert any(note.startswith("comprobado el ") for note in notes)
    assert not any("verificado" in note for note in notes)


def test_the_spanish_admin_of_link_checks_has_no_english_labels(
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

    detail = client.get(f"/admin/commitments/evidencelink/{link.pk}/change/", headers=SPANISH)
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "Status evidence" not in html and "Outcome check" not in html
    assert "Evidencia del reporte de avance" in html
    assert "Verificación de resultado" in html  # the other owner, empty here
    assert "Última comprobación" in html

    listing = client.get("/admin/commitments/evidencelink/", headers=SPANISH).content.decode()
    assert "Aún no comprobado" in listing and "Aún no verificado" not in listing
    assert "comprobaciones de enlaces de evidencia" in listing.lower()
    assert "verificaciones de enlaces" not in listing.lower()

    result = link.results.get()
    history = client.get(f"/admin/commitments/linkcheckresult/{result.pk}/change/", headers=SPANISH)
    assert history.status_code == 200
    assert "Comprobado el" in history.content.decode()

    english = client.get(
        f"/admin/commitments/evidencelink/{link.pk}/change/", headers={"accept-language": "en"}
    )
    assert "Status update evidence" in english.content.decode()
