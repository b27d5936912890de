"""Log in (with lockout), log out, password change and reset; languages and complete catalogues."""

from __future__ import annotations

import gettext
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale"


def test_login_page_has_labelled_fields(client):
    html = client.get("/accounts/login/").content.decode()
    assert '<label for="id_username">' in html and '<label for="id_password">' in html


def test_editor_logs_in_and_out(client, world):
    response = client.post(
        "/accounts/login/",
        {"username": "editor", "password": PASSWORD, "next": "/my/commitments/"},
    )
    assert response.status_code == 302 and response["Location"] == "/my/commitments/"
    assert client.get("/my/commitments/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/my/commitments/").status_code == 302


def test_wrong_password_shows_an_error(client, world):
    response = client.post(
        "/accounts/login/",
        {"username": "editor", "password": "wrong"},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_repeated_wrong_passwords_lock_the_account_out(client, world, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "editor", "password": "wrong"})
    response = client.post(
        "/accounts/login/",
        {"username": "editor", "password": PASSWORD},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()


def test_password_change(client, world):
    client.force_login(world.editor)
    assert client.get("/accounts/password_change/").status_code == 200
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "otra-clave-segura-2026",
            "new_password2": "otra-clave-segura-2026",
        },
    )
    assert response.status_code == 302
    world.editor.refresh_from_db()
    assert world.editor.check_password("otra-clave-segura-2026")


def test_password_reset_sends_an_email_with_a_working_link(client, world):
    response = client.post("/accounts/password_reset/", {"email": "editor@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert 'name="new_password1"' in form_page.content.decode()


def test_spanish_is_the_default_and_every_page_has_a_language_switcher(client, world):
    html = client.get("/").content.decode()
    assert '<html lang="es">' in html
    assert "Planes de acción" in html
    assert 'action="/i18n/setlang/"' in html and '<label for="language-select">' in html


def test_switching_to_english_and_back(client, world):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html and "OGP members and their action plans" in html
    client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    assert '<html lang="es">' in client.get("/").content.decode()


def _entries(path: Path) -> list[tuple[list[str], dict[str, str]]]:
    """(flag lines, {field: text}) for each entry of a .po file; a small reader, enough for checks."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        flags, fields, current = [], {}, None
        for line in block.strip().splitlines():
            if line.startswith("#,"):
                flags.append(line)
            elif line.startswith("#"):
                continue
            elif line.startswith('"') and current:
                fields[current] += line.strip()[1:-1]
            else:
                key, _sep, value = line.partition(" ")
                current = key
                fields[key] = value.strip()[1:-1]
        if fields:
            entries.append((flags, fields))
    return entries


@pytest.mark.parametrize("language", ["es", "en"])
def test_catalogue_is_complete_and_compiled(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run make messages"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    entries = _entries(po)
    assert len(entries) > 100
    for flags, fields in entries:
        if fields.get("msgid") == "":
            continue  # the header
        assert not any("fuzzy" in f for f in flags), fields["msgid"]
        strings = [v for k, v in fields.items() if k.startswith("msgstr")]
        assert strings and all(strings), f"untranslated in {language}: {fields['msgid']!r}"
        if "msgid_plural" not in fields and "msgctxt" not in fields:
            msgid, msgstr = (json.loads(f'"{fields[k]}"') for k in ("msgid", "msgstr"))
            assert compiled.gettext(msgid) == msgstr, f"{mo} is stale: run make messages"


@pytest.mark.parametrize(
    ("username", "landing"),
    [("editor", "/my/commitments/"), ("researcher", "/irm/reports/"), ("planadmin", "/")],
)
def test_without_a_next_page_people_land_where_their_work_is(client, world, username, landing):
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == landing


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("/accounts/password_reset/", "Reset your password"),
        ("/accounts/password_reset/done/", "Check your email"),
        ("/accounts/reset/done/", "Password set"),
        ("/accounts/reset/MQ/bad-token/", "This link is invalid or was already used."),
        ("/no/such/page/", "Page not found"),
    ],
)
def test_account_and_error_pages_render_in_the_site_layout(client, db, url, text):
    response = client.get(url, headers={"accept-language": "en"}, follow=True)
    html = response.content.decode()
    assert text in html
    assert 'class="skip-link"' in html and 'action="/i18n/setlang/"' in html


def test_password_change_done_page(client, world):
    client.force_login(world.editor)
    response = client.get("/accounts/password_change/done/", headers={"accept-language": "en"})
    assert "Your password was changed." in response.content.decode()


def test_log_in_link_on_the_login_page_does_not_loop_back_to_it(client, world):
    html = client.get("/accounts/login/").content.decode()
    assert "?next=/accounts/login/" not in html and "next=%2Faccounts%2Flogin%2F" not in html
    # A link that still carries it (an old bookmark) lands where the person's work is.
    response = client.post(
        "/accounts/login/?next=/accounts/login/",
        {"username": "editor", "password": PASSWORD, "next": "/accounts/login/"},
    )
    assert response.status_code == 302 and response["Location"] == "/my/commitments/"
