"""A commitment nobody rated is "Sin datos" / "No data" everywhere: until 8 December the list's
filters and facets said "Aún no hay datos" ("No data yet") beside badges saying "Sin datos" for the
same commitments."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "word", "other"),
    [("es", "Sin datos", "Aún no hay datos"), ("en", "No data", "No data yet")],
)
def test_facets_and_badges_name_no_data_the_same_way(client, language, word, other):
    factories.CommitmentFactory(title="Portal de transparencia", irm_completion="")
    html = client.get("/commitments/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f">{word}</span>" in html  # the badge
    assert f'>{word} <span class="facet-count">(1)</span>' in html  # the facet
    assert other not in html
