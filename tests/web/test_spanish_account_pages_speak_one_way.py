"""The Spanish account pages word Django's refusals as the rest of the site does ("Indique",
"contraseña", usted): until 8 December a wrong password answered Django's "Por favor, introduzca
un nombre de usuario y clave correctos. Observe que ambos campos pueden ser sensibles a
mayúsculas." under a form whose field says "Contraseña", and a wrong current password on the
password change page "Por favor, vuelva a introducirla"."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

ES = {"HTTP_ACCEPT_LANGUAGE": "es"}
DJANGOS_WORDS = ("ntroduzca", "Por favor", "clave", "Observe")


def test_a_wrong_password_is_refused_in_the_sites_spanish(client):
    factories.make_editor(username="ana")
    html = client.post("/accounts/login/", {"username": "ana", "password": "mal"}, **ES)
    html = html.content.decode()
    assert "Indique un nombre de usuario y una contraseña correctos." in html
    assert not [word for word in DJANGOS_WORDS if word in html]


def test_a_wrong_current_password_is_refused_in_the_sites_spanish(client):
    editor = factories.make_editor(username="ana")
    client.force_login(editor)
    response = client.post(
        "/accounts/password_change/",
        {"old_password": "mal", "new_password1": "x", "new_password2": "y"},
        **ES,
    )
    html = response.content.decode()
    assert "La contraseña actual no es correcta. Indíquela de nuevo." in html
    assert not [word for word in DJANGOS_WORDS if word in html]
