"""The Spanish figure headings count commitments the same way on the three tracks: "MRI: completos",
"Sociedad civil: completos" and, until 7 December, "Gobierno: completo" in the singular, on the
home page's columns and cards and in the plans' spreadsheet header."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_spanish_home_counts_government_complete_in_the_plural(client):
    factories.CommitmentFactory()
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "MRI: completos" in page and "Sociedad civil: completos" in page
    assert "Gobierno: completos" in page
    assert "Gobierno: completo<" not in page and 'data-label="Gobierno: completo"' not in page


def test_spanish_plans_spreadsheet_header_says_gobierno_completos(client):
    factories.CommitmentFactory()
    response = client.get("/downloads/plans.csv", HTTP_ACCEPT_LANGUAGE="es")
    header = b"".join(response.streaming_content if response.streaming else [response.content])
    header = header.decode("utf-8-sig").splitlines()[0].split(",")
    assert "Gobierno: completos" in header, header
