"""An OGP id typed in lower case finds its commitment on every API address about one commitment:
its record, its change history and its source rows, as JSON and as CSV; an unknown id gets the same
404 on each, in the reader's language."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("tail", ["", "changes/", "sources/", "changes/?format=csv"])
def test_a_lower_case_ogp_id_finds_the_commitment(client, tail):
    factories.CommitmentFactory(ogp_id="PE0042", title="Portal de transparencia")

    typed = client.get(f"/api/v1/commitments/pe0042/{tail}")
    exact = client.get(f"/api/v1/commitments/PE0042/{tail}")

    assert typed.status_code == exact.status_code == 200
    assert typed.content == exact.content


@pytest.mark.parametrize("tail", ["", "changes/", "sources/"])
@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "No commitment with the id zz9999."), ("es", "No hay compromiso con el id zz9999.")],
)
def test_an_unknown_id_is_the_same_404_in_the_readers_language(client, tail, language, message):
    response = client.get(f"/api/v1/commitments/zz9999/{tail}", HTTP_ACCEPT_LANGUAGE=language)

    assert response.status_code == 404
    assert response.json() == {"detail": message}
