"""CSV downloads never carry a live spreadsheet formula: text starting with =, +, -, @, a tab or a
carriage return gets a leading single quote; numbers stay as they are (issue 13)."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from commitments.models import IndicatorReading
from tests import factories
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

FORMULA_TITLE = '=HYPERLINK("http://x","y")'
FORMULA_NOTE = "+cmd|' /C calc'!A0"


def rows(response) -> list[dict]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.DictReader(io.StringIO(body.decode("utf-8"))))


@pytest.fixture
def formula_commitment():
    return factories.CommitmentFactory(title=FORMULA_TITLE, short_title="@SUM(A1)")


@pytest.mark.parametrize(
    "url", ["/api/v1/commitments/?format=csv", "/api/v1/commitments/export.csv"]
)
def test_a_formula_title_comes_out_neutralised_in_the_commitment_csv(
    client, formula_commitment, url
):
    [row] = rows(client.get(url))

    assert row["title"] == "'" + FORMULA_TITLE
    assert row["short_title"] == "'@SUM(A1)"


def test_a_formula_note_is_neutralised_but_a_negative_value_is_not(client):
    indicator = IndicatorFactory(commitment=factories.CommitmentFactory())
    for note in (FORMULA_NOTE, "-minus", "\tTab", "\rCR", "plain"):
        IndicatorReading.objects.create(
            indicator=indicator,
            value=Decimal("-3"),
            as_of=datetime.date(2015, 6, 30),
            author=get_user_model().objects.create(username=f"r{len(note)}{note[1:4]}"),
            note=note,
        )

    found = rows(client.get("/api/v1/indicator-readings/?format=csv"))

    assert sorted(row["note"] for row in found) == sorted(
        ["'" + FORMULA_NOTE, "'-minus", "'\tTab", "'\rCR", "plain"]
    )
    assert {row["value"] for row in found} == {"-3.0000"}
