"""The demo's Spanish sentences name the IRM as the Spanish interface does, MRI: the civil-society
account's records said "[Relato de la sociedad civil, no hallazgo del IRM ni del gobierno]" on pages
whose headings say "MRI", and the plan 2 proposal cited the "Glosario IRM del proyecto" (its source,
in the API). Ids, English
text and "IRM Explorer" (the name of OGP's table) keep "IRM"."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_demo_writes_mri_in_its_spanish_sentences(client):
    call_command("load_demo", stdout=io.StringIO())
    commitment = visible_text(
        client.get("/commitments/PE0001/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    )
    assert "[Relato de la sociedad civil, no hallazgo del MRI ni del gobierno]" in commitment
    assert "del IRM" not in commitment
    proposals = client.get("/api/v1/proposals/?action_plan=AP_PER02").json()["results"]
    sources = [proposal["source"] for proposal in proposals]
    assert any(s.startswith("Glosario MRI del proyecto (Perú, plan 2)") for s in sources), sources
    assert not any("IRM" in s for s in sources)
    # The account's text is the data's, whatever the page's language.
    english = client.get("/commitments/PE0001/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "no hallazgo del MRI ni del gobierno" in english
