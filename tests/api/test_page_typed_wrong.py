"""A page that is not a positive whole number or `last` (`?page=abc`, `0`, `-1`, `1.5`) is a 400 naming the
parameter, in the API's usual error shape and the reader's language, on every paginated list; a
page past the end stays a 404, as DRF and the README have it."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/commitments/",
    "/api/v1/action-plans/",
    "/api/v1/organizations/",
    "/api/v1/members/",
    "/api/v1/assessments/",
    "/api/v1/commitments/PE0001/changes/",
    "/api/v1/commitments/PE0001/sources/",
]
# The last two (a superscript two, a full-width one) are digits to str.isdigit(), not ASCII digits.
NOT_A_PAGE = ["abc", "0", "-1", "1.5", "+1", " 1", "1_0", "²", "\uff11"]


@pytest.fixture
def commitment():
    return factories.CommitmentFactory(ogp_id="PE0001")


@pytest.mark.parametrize("address", LISTS)
@pytest.mark.parametrize("page", NOT_A_PAGE)
def test_a_page_that_is_not_a_positive_whole_number_is_a_400(client, commitment, address, page):
    response = client.get(address, {"page": page}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"page": ["Give one page number: a whole number from 1, or last."]}


def test_a_page_given_twice_is_a_400(client, commitment):
    response = client.get("/api/v1/commitments/?page=1&page=2")

    assert response.status_code == 400
    assert list(response.json()) == ["page"]


def test_the_refusal_is_in_the_readers_language(client, commitment):
    response = client.get("/api/v1/commitments/?page=abc", HTTP_ACCEPT_LANGUAGE="es")

    assert response.json() == {
        "page": ["Indique un número de página: un número entero desde 1, o last."]
    }


def test_a_csv_download_with_a_bad_page_is_refused_as_json(client, commitment):
    response = client.get("/api/v1/commitments/?format=csv&page=abc", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response.json() == {"page": ["Give one page number: a whole number from 1, or last."]}


@pytest.mark.parametrize("size", ["abc", "0", "501", "1_0", "+5", "5.0"])
def test_a_page_size_that_is_not_a_whole_number_in_range_is_a_400(client, commitment, size):
    response = client.get("/api/v1/commitments/", {"page_size": size}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert response.json() == {"page_size": ["Give one whole number from 1 to 500."]}


@pytest.mark.parametrize("address", LISTS)
def test_a_page_past_the_end_is_a_json_404(client, commitment, address):
    response = client.get(address, {"page": "99"})

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("page", ["1", "last"])
def test_a_page_that_exists_is_served(client, commitment, page):
    response = client.get("/api/v1/commitments/", {"page": page})

    assert response.status_code == 200
    assert [row["ogp_id"] for row in response.json()["results"]] == ["PE0001"]


def test_last_is_served_as_the_last_page(client):
    for n in range(1, 4):
        factories.CommitmentFactory(ogp_id=f"PE000{n}")

    response = client.get("/api/v1/commitments/", {"page": "last", "page_size": "2"})

    assert response.status_code == 200
    body = response.json()
    assert [row["ogp_id"] for row in body["results"]] == ["PE0003"]
    assert body["next"] is None and "page=1" not in body["previous"]


def test_the_schema_says_a_page_is_a_number_from_1_or_last(client):
    schema = client.get("/api/schema/", {"format": "json"}, HTTP_ACCEPT_LANGUAGE="en").json()
    parameters = schema["paths"]["/api/v1/commitments/"]["get"]["parameters"]
    page = next(p for p in parameters if p["name"] == "page")

    assert page["schema"] == {
        "oneOf": [{"type": "integer", "minimum": 1}, {"type": "string", "enum": ["last"]}]
    }
    assert page["description"] == "Page number, from 1, or last for the last page."
