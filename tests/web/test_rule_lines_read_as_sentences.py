"""The small print under a table reads as sentences in both languages. Until 9 December the
commitment page read "Indicadores: Los mismos datos en la API: JSON · CSV" (two colons in one
line, a capital after the first), the plan page "Qué cuentan estas cifras: Las tasas cuentan..."
and the home page "Qué cuentan estas cifras: Completos: compromisos...". A lead-in is a run-in
heading ended by a full stop; each API line names what it gives."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client

from tests import factories

pytestmark = pytest.mark.django_db


def rule_lines(page: str) -> list[str]:
    """The text of each small-print paragraph (`<p class="rule">`) of a page."""
    found = re.findall(r'<p class="rule">(.*?)</p>', page, re.S)
    return [re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", p))).strip() for p in found]


def slips(line: str, language: str) -> list[str]:
    """Sentences of a line with two colons, or (in Spanish) a capital after a colon that is not
    an acronym (MRI, JSON)."""
    found = []
    for sentence in re.split(r"(?<=\.) ", line):
        if sentence.count(":") > 1:
            found.append(sentence)
        for word in re.findall(r": (\w+)", sentence):
            if language == "es" and word[0].isupper() and not word.isupper():
                found.append(sentence)
    return found


def pages(world) -> list[str]:
    factories.IndicatorFactory(commitment=world.commitment)
    return ["/", f"/plans/{world.plan.ogp_id}/", f"/commitments/{world.commitment.ogp_id}/"]


@pytest.mark.parametrize("language", ["es", "en"])
def test_no_rule_line_reads_two_colons_or_a_spanish_capital_after_one(world, language):
    visitor = Client(HTTP_ACCEPT_LANGUAGE=language)
    lines = []
    for path in pages(world):
        response = visitor.get(path)
        assert response.status_code == 200
        lines += rule_lines(response.content.decode())
    assert len(lines) >= 6
    assert [s for line in lines for s in slips(line, language)] == []


def test_commitment_page_names_what_each_api_line_gives(world):
    factories.IndicatorFactory(commitment=world.commitment)
    path = f"/commitments/{world.commitment.ogp_id}/"
    spanish = rule_lines(Client(HTTP_ACCEPT_LANGUAGE="es").get(path).content.decode())
    english = rule_lines(Client(HTTP_ACCEPT_LANGUAGE="en").get(path).content.decode())
    assert "Indicadores en la API: JSON · CSV" in spanish
    assert "Mediciones en la API: JSON · CSV" in spanish
    assert "Indicators in the API: JSON · CSV" in english
    assert "Readings in the API: JSON · CSV" in english
    # A page about one record keeps the plain line.
    assert "Los mismos datos en la API: JSON · CSV" in spanish


def test_plan_page_names_what_each_api_line_gives(world):
    path = f"/plans/{world.plan.ogp_id}/"
    spanish = rule_lines(Client(HTTP_ACCEPT_LANGUAGE="es").get(path).content.decode())
    english = rule_lines(Client(HTTP_ACCEPT_LANGUAGE="en").get(path).content.decode())
    for es, en in [
        ("Propuestas en la API", "Proposals in the API"),
        ("Eventos de consulta en la API", "Consultation events in the API"),
        ("Datos de proceso en la API", "Process data in the API"),
    ]:
        assert f"{es}: JSON · CSV" in spanish
        assert f"{en}: JSON · CSV" in english
    assert any(line.startswith("Qué cuentan estas cifras. Las tasas") for line in spanish)
