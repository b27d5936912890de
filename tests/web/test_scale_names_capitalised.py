"""The IRM's "did it open government?" scale reads as a question that starts with a capital in
Spanish, on the researcher's form and on the public commitment page. Until 7 December both showed
"¿abrió el gobierno?": `capfirst` capitalises the "¿", not the word after it."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_researchers_form_asks_did_it_open_government_with_a_capital(client, world):
    client.force_login(world.researcher)

    html = client.get(
        f"/irm/reports/{world.draft.pk}/assess/{world.commitment.ogp_id}/",
        headers={"accept-language": "es"},
    ).content.decode()

    assert "¿Abrió el gobierno?" in html
    assert "¿abrió el gobierno?" not in html


def test_the_public_page_names_the_scale_with_a_capital(client, world):
    factories.AssessmentFactory(
        report=world.published, commitment=world.commitment, opened_government="major"
    )

    html = client.get(
        f"/commitments/{world.commitment.ogp_id}/", headers={"accept-language": "es"}
    ).content.decode()

    assert "¿Abrió el gobierno?" in html
    assert "¿abrió el gobierno?" not in html
