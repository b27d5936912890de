"""The schema documents what a commitment's own address and the export take: `as_of` and
`irm_report` (each answers them). Until 8 December the commitment's address documented only
`format`, and the export neither `irm_report` nor that its only format is csv."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def query_parameters(client, path: str) -> dict[str, dict]:
    schema = client.get("/api/schema/?format=json").json()
    operation = schema["paths"][path]["get"]
    return {p["name"]: p for p in operation["parameters"] if p["in"] == "query"}


def test_a_commitment_s_address_documents_as_of_and_irm_report(client):
    assert {"as_of", "irm_report", "format"} <= set(
        query_parameters(client, "/api/v1/commitments/{ogp_id}/")
    )


def test_the_export_documents_irm_report_and_its_one_format(client):
    parameters = query_parameters(client, "/api/v1/commitments/export.csv")

    assert {"as_of", "irm_report"} <= set(parameters)
    assert parameters["format"]["schema"]["enum"] == ["csv"]
