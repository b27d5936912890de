"""An error says what would have been taken. Until 8 December a value that is none of a
parameter's choices got Django's "Select a valid choice. x is not one of the available choices."
(which never named them: a reader could not find `-irm_completion`), an Accept header the address
does not serve got DRF's "Could not satisfy the request Accept header.", a page past the end
"Invalid page.", and `updated_since=2026-12-01T10:00:00+05:00` typed in an address (where the `+`
arrives as a space) "Enter a valid date/time."."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.world("peru")]


@pytest.mark.parametrize(
    ("url", "parameter", "choices"),
    [
        ("/api/v1/commitments/?ordering=irm", "ordering", ["-irm_completion", "ogp_id"]),
        ("/api/v1/commitments/?irm_completion=done", "irm_completion", ["no_data", "complete"]),
        ("/api/v1/action-plans/?status=active", "status", ["implementation", "ended"]),
        ("/api/v1/members/?kind=nation", "kind", ["national", "local"]),
        ("/api/v1/outcome-checks/?verdict=dead", "verdict", ["dead_letter"]),
    ],
)
def test_a_value_that_is_none_of_the_choices_names_them(client, world, url, parameter, choices):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    [message] = response.json()[parameter]
    assert message.startswith("Choose one of: ")
    assert all(choice in message.split(": ", 1)[1].rstrip(".").split(", ") for choice in choices)


def test_the_same_on_a_list_page_in_spanish(client, world):
    html = client.get("/commitments/?irm_completion=done", HTTP_ACCEPT_LANGUAGE="es").content
    assert "Elija uno de: no_data, no_evidence" in html.decode()


@pytest.mark.parametrize(
    ("url", "offered"),
    [
        ("/api/v1/members/", "application/json, text/csv"),
        ("/api/v1/commitments/export.csv", "text/csv"),
        ("/api/v1/commitments/PE0001/history/", "application/json"),
    ],
)
def test_an_accept_header_the_address_does_not_serve_names_what_it_does(
    client, world, url, offered
):
    response = client.get(url, HTTP_ACCEPT="text/html", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"
    assert offered in response.json()["detail"]


def test_a_page_past_the_end_names_the_last_page(client, world):
    response = client.get(
        "/api/v1/commitments/?action_plan=AP_PER01&page=3", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 404
    assert response.json() == {"detail": "Page 3 is past the last page, 1."}
    empty = client.get("/api/v1/commitments/?q=zzzz&page=2", HTTP_ACCEPT_LANGUAGE="en")
    assert empty.json() == {"detail": "Page 2 is past the last page, 1."}


def test_a_time_offset_whose_plus_arrived_as_a_space_is_read(client, world):
    typed = client.get("/api/v1/commitments/?updated_since=2000-01-01T10:00:00+05:00")
    encoded = client.get("/api/v1/commitments/?updated_since=2000-01-01T10:00:00%2B05:00")

    assert typed.status_code == 200, typed.content
    assert typed.json()["count"] == encoded.json()["count"] == 53
