"""On a phone each table row reads as a card of "Label: value" lines; every label starts with a
capital, as the column heads do ("miembro OGP:" did on the plans and organisations lists)."""

from __future__ import annotations

import re

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/plans/", "/organizations/"])
def test_every_card_label_of_the_index_lists_starts_with_a_capital(client, url):
    plan = factories.ActionPlanFactory()
    factories.OrganizationFactory(member=plan.member)
    html = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    labels = set(re.findall(r'data-label="([^"]*)"', html))
    assert "Miembro OGP" in labels
    assert [label for label in labels if not label[:1].isupper()] == []
