"""The Spanish interface addresses its reader one way, as usted, in pages, forms and emails alike
(a public visitor asking a question was addressed as tú, an official as usted)."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail

from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db

# Words that only the familiar form uses: its pronouns and possessives, and its verb endings
# that usted never takes (the imperatives of usted end differently: revise, escriba, elija).
TU = re.compile(
    r"\b(tu|tus|tú|te|ti|contigo|Tu|Tus|Tú|Te)\b"
    r"|\b\w+(?:aste|iste)\b"
    r"|\b(quieres|puedes|tienes|recibirás|podrás|abras|revisa|escribe|elige|confirma|indica|abre|ignora|vuelve|avisa)\b",
)


def test_no_spanish_message_uses_the_familiar_form():
    mo = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.mo"
    with mo.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    familiar = {}
    for msgid, msgstr in catalog.items():
        found = [m.group(0) for m in TU.finditer(msgstr) if _addresses_the_reader(msgstr, m)]
        if found:
            familiar[msgid] = (msgstr, found)
    assert not familiar, familiar


NOT_PRETERITE = {"existe", "resiste", "insiste", "consiste", "subsiste", "persiste", "asiste"}


def _addresses_the_reader(text: str, match: re.Match) -> bool:
    word = match.group(0)
    if word.lower() in {"tu", "tus", "tú", "te", "ti", "contigo"}:
        return True
    if word.endswith(("aste", "iste")):
        return word.lower() not in NOT_PRETERITE
    # An imperative starts a sentence; inside one the same word is the third person
    # ("primero se revisa", "tal como lo escribe OGP").
    before = text[: match.start()].rstrip()
    return word[0].isupper() or not before or before.endswith((":", ".", "¿", "¡"))


def test_the_question_form_and_its_email_say_usted(client, django_capture_on_commit_callbacks):
    commitment = CommitmentFactory()
    url = f"/commitments/{commitment.ogp_id}/questions/"
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "¿Qué desea hacer?" in page and "Pregunte o avise de un dato erróneo" in page
    assert "Su correo electrónico (nunca se muestra)" in page
    assert "quieres" not in page and "Tu correo" not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {"kind": "question", "text": "¿Y el padrón?", "email": "ana@example.org"},
            HTTP_ACCEPT_LANGUAGE="es",
            follow=True,
        )
    assert "Revise su correo: le enviamos un enlace para confirmar." in response.content.decode()
    (message,) = mail.outbox
    assert message.subject == "[OGP Tracker] Confirme su pregunta"
    assert (
        "abra este enlace" in message.body and "Si no fue usted, ignore este correo" in message.body
    )
    assert not re.search(r"\b(tu|tú|te)\b", message.body)
