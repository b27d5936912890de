"""A commitment's plan and member by name beside their ids, as a journalist opening a download in
a spreadsheet reads them: in the API's JSON and CSV alike (`action_plan_name`, `member_name`, the
ids kept for scripts) and in the downloads for people ("Plan de acción" and "Miembro OGP" by
name, each beside its id); an untitled plan is named by its member, number and years, as on its
page; the queries stay as many for 20 rows as for 2."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def peru():
    peru = factories.MemberFactory(code="PER", iso_alpha2="PE", name="Peru", commitment_prefix="PE")
    titled = factories.ActionPlanFactory(
        member=peru, number=1, ogp_id="AP_PER01", title="Primer plan de acción de gobierno abierto"
    )
    untitled = factories.ActionPlanFactory(
        member=peru,
        number=2,
        ogp_id="AP_PER02",
        title="",
        start_date=datetime.date(2015, 1, 1),
        end_date=datetime.date(2016, 12, 31),
    )
    factories.CommitmentFactory(action_plan=titled, ogp_id="PE0001")
    factories.CommitmentFactory(action_plan=untitled, ogp_id="PE0050")
    return peru


NAMES = {
    "PE0001": ("AP_PER01", "Primer plan de acción de gobierno abierto", "PER", "Peru"),
    "PE0050": ("AP_PER02", "Peru · plan 2 (2015-2016)", "PER", "Peru"),
}


def names(rows, key: str, *columns: str) -> dict:
    """{row's key: its columns} of each row."""
    return {row[key]: tuple(row[column] for column in columns) for row in rows}


def test_the_json_names_the_plan_and_the_member_beside_their_ids(client, peru):
    rows = client.get("/api/v1/commitments/").json()["results"]

    assert (
        names(rows, "ogp_id", "action_plan", "action_plan_name", "member", "member_name") == NAMES
    )
    assert (
        client.get("/api/v1/commitments/pe0050/").json()["action_plan_name"] == NAMES["PE0050"][1]
    )


@pytest.mark.parametrize(
    "address", ["/api/v1/commitments/?format=csv", "/api/v1/commitments/export.csv"]
)
def test_the_api_csv_has_the_same_names_in_columns_beside_the_ids(client, peru, address):
    response = client.get(address)
    data = b"".join(response.streaming_content) if response.streaming else response.content
    reader = csv.DictReader(io.StringIO(data.decode()))

    header = reader.fieldnames
    assert header[header.index("action_plan") + 1] == "action_plan_name"
    assert header[header.index("member") + 1] == "member_name"
    assert (
        names(reader, "ogp_id", "action_plan", "action_plan_name", "member", "member_name") == NAMES
    )


@pytest.mark.parametrize(
    ("language", "plan", "plan_id", "member", "code"),
    [
        ("es", "Plan de acción", "Id del plan de acción", "Miembro OGP", "Código OGP"),
        ("en", "Action plan", "Action plan id", "OGP member", "OGP code"),
    ],
)
def test_the_download_for_people_names_the_plan_and_member_beside_their_ids(
    client, peru, language, plan, plan_id, member, code
):
    response = client.get("/downloads/commitments.csv", HTTP_ACCEPT_LANGUAGE=language)
    data = b"".join(response.streaming_content).decode("utf-8-sig")
    reader = csv.DictReader(io.StringIO(data))

    header = reader.fieldnames
    assert header[header.index(plan) + 1] == plan_id
    assert header[header.index(member) + 1] == code
    assert names(reader, "Id", plan_id, plan, code, member) == NAMES


def test_the_names_add_no_query_per_row(client, peru):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/commitments/?page_size=100").status_code == 200
        return len(captured)

    few = queries()
    plan = factories.ActionPlanFactory(title="")
    factories.CommitmentFactory.create_batch(18, action_plan=plan)

    assert queries() == few
