"""Natural order reads numbers by value, and only what a number is made of counts as one: a name
holding a character Python calls a digit but that is no decimal digit (Ethiopic ፩, Kharosthi 𐩀,
kept by an import as the sheet wrote it) sorts as text instead of failing the page."""

from __future__ import annotations

import pytest

from commitments.models.members import natural_key
from tests import factories

pytestmark = pytest.mark.django_db


def test_natural_key_reads_only_decimal_digits_as_numbers():
    assert natural_key("Perú · plan 2") < natural_key("Perú · plan 10")
    assert natural_key("Oficina 2፩") == ((1, "oficina "), (0, 2), (1, "፩"))


def test_the_commitment_list_shows_an_organisation_named_with_an_ethiopic_digit(client):
    lead = factories.OrganizationFactory(name="Oficina 2፩")
    factories.CommitmentFactory(title="Portal de datos", lead_organization=lead)

    response = client.get("/commitments/")

    assert response.status_code == 200
    assert "Oficina 2፩" in response.content.decode()
