"""The organisations' download gives each one's count of commitments led, as its page and the API
(`led_commitment_count`) do: until 8 December its "Commitments led" column was empty on every row
(it read a `commitment_count` the organisation rows do not have)."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

pytestmark = [pytest.mark.django_db, pytest.mark.world("peru")]


def test_commitments_led_in_the_csv_and_the_workbook(client, world):
    api = client.get("/api/v1/organizations/sgp/").json()
    csv_response = client.get("/downloads/organizations.csv?member=PER", HTTP_ACCEPT_LANGUAGE="en")
    text = b"".join(csv_response.streaming_content).decode("utf-8-sig")
    rows = {row["Name"]: row for row in csv.DictReader(io.StringIO(text))}

    assert api["led_commitment_count"] == 48
    assert rows["Secretaría de Gestión Pública"]["Commitments led"] == "48"
    assert rows["Defensoría del Pueblo"]["Commitments led"] == "0"

    workbook = client.get("/downloads/organizations.xlsx?member=PER", HTTP_ACCEPT_LANGUAGE="en")
    data = b"".join(workbook.streaming_content) if workbook.streaming else workbook.content
    sheet = load_workbook(io.BytesIO(data), read_only=True).active
    header, *values = [list(row) for row in sheet.iter_rows(values_only=True)]
    led = {row[0]: row[header.index("Commitments led")] for row in values}
    assert led["Secretaría de Gestión Pública"] == 48
