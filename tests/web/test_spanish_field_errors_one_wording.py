"""The Spanish site words a field's error one way on its forms and in its API: Django's and DRF's
catalogues differ ("Este campo es obligatorio." / "es requerido."; "Introduzca", "Ingrese", "Escoja"),
and the project's catalogue gives each of them one wording ("Indique" a value, "Elija" a choice)."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from django.conf import settings

from ogptracker.borrowed_messages import BORROWED_MESSAGES

pytestmark = pytest.mark.django_db

REQUIRED = "Este campo es obligatorio."


def _form_url(commitment) -> str:
    return f"/commitments/{commitment.ogp_id}/report/"


def _api_url(commitment) -> str:
    return f"/api/v1/commitments/{commitment.ogp_id}/status-updates/"


def test_status_update_form_posted_empty_says_the_field_is_obligatorio(client, monitored):
    commitment, editor = monitored
    client.force_login(editor)
    response = client.post(_form_url(commitment), {}, headers={"accept-language": "es"})
    html = response.content.decode()
    assert response.status_code == 400
    assert html.count(f"<li>{REQUIRED}</li>") == 3  # completion, note, as_of
    assert "requerido" not in html


def test_status_update_api_missing_fields_says_the_same(token_client, monitored):
    commitment, editor = monitored
    response = token_client(editor).post(
        _api_url(commitment), {"note": "x"}, format="json", headers={"accept-language": "es"}
    )
    assert response.status_code == 400
    assert response.json() == {"completion": [REQUIRED], "as_of": [REQUIRED]}


def test_a_wrong_choice_date_or_link_asks_with_elija_and_indique(client, token_client, monitored):
    commitment, editor = monitored
    client.force_login(editor)
    html = client.post(
        _form_url(commitment),
        {"completion": "zzz", "as_of": "nope", "note": "x", "links": "https://example.org/a"},
        headers={"accept-language": "es"},
    ).content.decode()
    assert "Elija una opción válida. zzz no es una de las opciones disponibles." in html
    assert "Indique una fecha válida." in html
    assert "Escoja" not in html and "Introduzca" not in html

    body = (
        token_client(editor)
        .post(
            _api_url(commitment),
            {"completion": "zzz", "as_of": "2013-05-01", "links": ["notalink"]},
            format="json",
            headers={"accept-language": "es"},
        )
        .json()
    )
    assert body["completion"] == ['"zzz" no es una opción válida.']
    assert body["links"]["0"] == ["Indique un enlace que empiece con http:// o https://."]


def test_every_borrowed_message_is_worded_by_our_catalogue():
    # Ours, not whichever of Django's or DRF's catalogues happens to be read last.
    mo = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.mo"
    with mo.open("rb") as handle:
        ours = gettext.GNUTranslations(handle)._catalog
    assert not [msgid for msgid in BORROWED_MESSAGES if msgid not in ours]
