"""A page number a person types wrong on a list page (`?page=abc`, `0`, `-1`, `1.5`, or past the
end) is never an error: the list shows its first page for one that is not a number, its last page
for one out of range, as Django's `Paginator.get_page` does."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def commitment():
    return factories.CommitmentFactory(ogp_id="PE0001", title="Portal de transparencia")


@pytest.mark.parametrize(
    "address", ["/plans/", "/commitments/", "/organizations/", "/members/", "/search/?q=portal"]
)
@pytest.mark.parametrize("page", ["abc", "0", "-1", "1.5", "99", "²", ""])
def test_a_page_typed_wrong_shows_a_page_of_the_list(client, commitment, address, page):
    joiner = "&" if "?" in address else "?"
    response = client.get(f"{address}{joiner}page={page}")

    assert response.status_code == 200
