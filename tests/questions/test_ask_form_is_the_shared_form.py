"""The public question form is the site's shared form (templates/_form.html): its fields, help
texts and required marks as every other form's, each refusal beside its field under the box
saying nothing was saved, and the site's button; the honeypot stays out of sight."""

from __future__ import annotations

import re

import pytest

from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def address():
    return f"/commitments/{CommitmentFactory().ogp_id}/questions/"


def _ask_form(html: str) -> str:
    return html.split('id="ask-heading"')[1].split("</section>")[0]


@pytest.mark.parametrize(("language", "send"), [("es", "Enviar"), ("en", "Send")])
def test_the_ask_form_is_drawn_as_every_other_form(client, address, language, send):
    form = _ask_form(client.get(address, HTTP_ACCEPT_LANGUAGE=language).content.decode())

    assert 'class="stacked-form"' in form
    assert f'<button type="submit" class="button">{send}</button>' in form
    assert form.count('<div class="field">') == 5  # kind, text, email, name, the honeypot
    assert re.search(r'<textarea name="text"[^>]*required', form)
    assert re.search(r'<input type="email" name="email"[^>]*required', form)
    assert 'aria-describedby="id_email_helptext"' in form
    assert '<div class="hp-field" aria-hidden="true">' in form
    assert 'name="website" tabindex="-1"' in form


@pytest.mark.parametrize(
    ("language", "box", "required"),
    [
        (
            "es",
            "No se guardó nada. Corrija los campos marcados abajo.",
            "Este campo es obligatorio.",
        ),
        (
            "en",
            "Nothing was saved. Please correct the fields marked below.",
            "This field is required.",
        ),
    ],
)
def test_a_refused_question_marks_its_fields(client, address, language, box, required):
    response = client.post(
        address,
        {"kind": "question", "text": "", "email": "ana@example.org"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    form = _ask_form(response.content.decode())

    assert response.status_code == 400
    assert box in form
    text_field = re.search(r'<div class="field has-error">(.*?)</textarea>', form, re.S).group(1)
    assert required in text_field
    assert form.count("has-error") == 1
    assert 'value="ana@example.org"' in form  # what was typed is kept


def test_a_logged_in_person_is_asked_only_what_and_which_kind(client, address, editor):
    client.force_login(editor)
    form = _ask_form(client.get(address, HTTP_ACCEPT_LANGUAGE="en").content.decode())

    assert 'name="email"' not in form
    assert 'name="text"' in form
    assert "Links are not accepted without an account." not in form
