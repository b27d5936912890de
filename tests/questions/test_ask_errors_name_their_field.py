"""A question refused for its fields says which field each message is about: until 8 December
an empty visitor form answered "It could not be sent: This field is required. This field is
required.", and the reader could not tell which of the four fields to fill. Since the ask form
became the shared form, each message stands beside its field, under its label."""

from __future__ import annotations

import re

import pytest

from tests.factories import CommitmentFactory

pytestmark = pytest.mark.django_db


def _error_box(html: str) -> list[str]:
    """Each refused field's label and its messages (the shared form puts them beside the field)."""
    fields = re.findall(
        r'<div class="field has-error">(.*?)</div>\s*(?=<div class="field|<button)', html, re.S
    )
    named = []
    for field in fields:
        label = re.search(r"<label[^>]*>(.*?):?</label>", field, re.S).group(1).strip()
        for message in re.findall(r"<li>(.*?)</li>", field):
            named.append(f"{label}: {message}")
    return named


def test_each_refusal_in_the_ask_form_names_its_field(client):
    commitment = CommitmentFactory()
    response = client.post(
        f"/commitments/{commitment.ogp_id}/questions/",
        {"kind": "question", "text": "", "email": "not-an-address"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert _error_box(response.content.decode()) == [
        "Your question or what is wrong: This field is required.",
        "Your email address (never shown): Enter a valid email address.",
    ]


def test_the_spanish_page_names_the_field_in_spanish(client):
    commitment = CommitmentFactory()
    response = client.post(
        f"/commitments/{commitment.ogp_id}/questions/",
        {"kind": "question", "text": "", "email": "ana@example.org"},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 400
    assert _error_box(response.content.decode()) == [
        "Su pregunta o qué está mal: Este campo es obligatorio."
    ]
