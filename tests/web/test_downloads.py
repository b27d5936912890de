"""Downloads for people (commitments/api/people.py, /downloads/): every matching row, streamed, under
a telling name, with translated columns and values and each row's page address; an Excel workbook
too. The API's own ?format=csv keeps machine codes."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today().isoformat()


def body(response) -> bytes:
    assert response.status_code == 200, response.content[:300] if not response.streaming else ""
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response) -> list[dict]:
    data = body(response)
    assert data.startswith(b"\xef\xbb\xbf")  # the byte-order mark spreadsheets need for UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(body(response)), read_only=True).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def peru_plan(settings):
    settings.SITE_URL = "https://tracker.example.pe"
    peru = factories.MemberFactory(code="PER", name="Perú", commitment_prefix="PE")
    plan = factories.ActionPlanFactory(member=peru, number=1, ogp_id="AP_PER01")
    lead = factories.OrganizationFactory(name="Contraloría General", slug="contraloria")
    factories.CommitmentFactory(
        action_plan=plan,
        ogp_id="PE0001",
        title="Acceso a la información",
        lead_organization=lead,
        self_reported_completion="limited",
        irm_completion="substantial",
        irm_starred=True,
    )
    return plan


def test_commitment_download_has_spanish_labels_page_address_and_a_telling_name(client, peru_plan):
    response = client.get(
        "/downloads/commitments.csv", {"action_plan": "AP_PER01"}, HTTP_ACCEPT_LANGUAGE="es"
    )

    assert response.streaming  # streamed, not built in memory
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="AP_PER01-commitments-{TODAY}.csv"'
    )
    (row,) = csv_rows(response)
    assert row["Id"] == "PE0001"
    assert row["Organización responsable"] == "Contraloría General"
    assert row["Estado según la sociedad civil"] == "Limitado"
    assert row["Cumplimiento según el MRI"] == "Sustancial"
    assert row["Con estrella"] == "Sí"
    # The last column: each row's page on this site.
    assert list(row.values())[-1] == "https://tracker.example.pe/commitments/PE0001/"


def test_commitment_download_in_english_reads_english(client, peru_plan):
    response = client.get(
        "/downloads/commitments.csv", {"action_plan": "AP_PER01"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    (row,) = csv_rows(response)
    assert row["Civil society status"] == "Limited"
    assert row["Completion according to the IRM"] == "Substantial"
    assert row["Starred"] == "Yes"
    assert row["Page"] == "https://tracker.example.pe/commitments/PE0001/"


def test_the_api_csv_keeps_machine_codes_for_programs(client, peru_plan):
    response = client.get("/api/v1/commitments/", {"action_plan": "AP_PER01", "format": "csv"})

    data = response.content.decode()
    assert not data.startswith("\ufeff")
    (row,) = list(csv.DictReader(io.StringIO(data)))
    assert row["self_reported.completion"] == "limited"
    assert row["irm_completion"] == "substantial"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="AP_PER01-commitments-{TODAY}.csv"'
    )


def test_excel_download_is_a_workbook_with_the_same_rows(client, peru_plan):
    response = client.get(
        "/downloads/commitments.xlsx", {"action_plan": "AP_PER01"}, HTTP_ACCEPT_LANGUAGE="es"
    )

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f'filename="AP_PER01-commitments-{TODAY}.xlsx"' in response["Content-Disposition"]
    header, row = xlsx_rows(response)
    record = dict(zip(header, row, strict=True))
    assert record["Organización responsable"] == "Contraloría General"  # not "ContralorÃ­a"
    assert record["Estado según la sociedad civil"] == "Limitado"
    assert row[-1] == "https://tracker.example.pe/commitments/PE0001/"


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_a_formula_title_stays_inert_in_both_downloads(client, extension):
    factories.CommitmentFactory(title='=HYPERLINK("http://x","y")')

    response = client.get(f"/downloads/commitments.{extension}", HTTP_ACCEPT_LANGUAGE="en")

    if extension == "csv":
        (row,) = csv_rows(response)
        title = row["Title"]
    else:
        header, values = xlsx_rows(response)
        title = dict(zip(header, values, strict=True))["Title"]
    assert title == '\'=HYPERLINK("http://x","y")'


def test_a_list_download_gives_every_matching_row_beyond_a_page(client):
    peru = factories.MemberFactory(code="PER", commitment_prefix="PE")
    plan = factories.ActionPlanFactory(member=peru)
    factories.CommitmentFactory.create_batch(52, action_plan=plan)
    factories.CommitmentFactory()  # another member's

    response = client.get("/downloads/commitments.csv", {"member": "PER"})

    assert len(csv_rows(response)) == 52
    assert 'filename="PER-commitments-' in response["Content-Disposition"]


@pytest.mark.parametrize(
    ("name", "make", "header", "expected"),
    [
        (
            "plans",
            lambda: factories.ActionPlanFactory(ogp_id="AP_PER01", status="withdrawn"),
            "Status",
            "Withdrawn",
        ),
        (
            "organizations",
            lambda: factories.OrganizationFactory(slug="proetica", kind="civil_society"),
            "Kind",
            "Civil society",
        ),
        ("members", lambda: factories.MemberFactory(code="PER"), "Kind", "National government"),
    ],
)
def test_every_list_downloads_with_labels_and_page_addresses(
    client, settings, name, make, header, expected
):
    settings.SITE_URL = "https://tracker.example.pe"
    make()

    response = client.get(f"/downloads/{name}.csv", HTTP_ACCEPT_LANGUAGE="en")

    (row,) = csv_rows(response)
    assert row[header] == expected
    assert row["Page"].startswith("https://tracker.example.pe/")
    assert client.get(row["Page"].removeprefix("https://tracker.example.pe")).status_code == 200


def test_a_bad_filter_is_a_400_naming_it(client):
    response = client.get("/downloads/commitments.csv", {"member": "NOPE"})

    assert response.status_code == 400
    assert "member" in response.json()


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        body(client.get(url, HTTP_ACCEPT_LANGUAGE="en"))
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [
        "/downloads/commitments.csv",
        "/downloads/commitments.xlsx",
        "/downloads/plans.csv",
        "/downloads/organizations.csv",
        "/downloads/members.csv",
    ],
)
def test_download_queries_stay_flat_as_rows_grow(client, url):
    def grow(n: int) -> None:
        for _ in range(n):
            commitment = factories.CommitmentFactory()
            factories.AssessmentFactory(
                commitment=commitment,
                report=factories.IRMReportFactory(action_plan=commitment.action_plan),
            )

    grow(2)
    few = _queries(client, url)
    grow(18)
    assert _queries(client, url) == few


def test_list_pages_link_to_both_downloads_with_their_filters(client, peru_plan):
    page = client.get("/commitments/", {"member": "PER"}, HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert 'href="/downloads/commitments.csv?member=PER"' in html
    assert 'href="/downloads/commitments.xlsx?member=PER"' in html

    plan_page = client.get("/plans/AP_PER01/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'href="/downloads/commitments.csv?action_plan=AP_PER01"' in plan_page

    for path, name in (("/plans/", "plans"), ("/organizations/", "organizations")):
        assert f'href="/downloads/{name}.csv"' in client.get(path).content.decode()
    assert 'href="/downloads/members.csv"' in client.get("/members/").content.decode()
