"""An untitled plan's name on a page names its member in the page's language, as every other page
names the member ("Kenia · plan 1 (2016-2018)" on a Spanish page, "Kenya" on an English one),
while the API, its CSV and the downloads keep OGP's spelling in every language."""

from __future__ import annotations

import csv
import datetime
import io

import pytest

from questions.services import ask_question
from tests import factories

pytestmark = pytest.mark.django_db

NAMES = {"es": "Kenia · plan 1 (2016-2018)", "en": "Kenya · plan 1 (2016-2018)"}
STORED = NAMES["en"]  # OGP writes "Kenya"
LANGUAGES = list(NAMES)


@pytest.fixture
def plan():
    kenya = factories.MemberFactory(
        code="KEN", iso_alpha2="KE", name="Kenya", commitment_prefix="KE"
    )
    return factories.ActionPlanFactory(
        member=kenya,
        number=1,
        title="",
        start_date=datetime.date(2016, 1, 1),
        end_date=datetime.date(2018, 6, 30),
    )


@pytest.fixture
def commitments(plan):
    lead = factories.OrganizationFactory(slug="treasury", name="The National Treasury")
    return factories.make_commitments(plan, 2, "KE", lead_organization=lead)


def _page(client, path: str, language: str) -> str:
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, path
    return response.content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_plan_page_heads_it_with_the_member_in_the_page_language(client, plan, language):
    html = _page(client, f"/plans/{plan.ogp_id}/", language)
    assert f"<h1>{NAMES[language]}</h1>" in html
    assert f"<title>{NAMES[language]}" in html


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "path", ["/", "/plans/", "/commitments/", "/organizations/treasury/", "/commitments/KE0001/"]
)
def test_the_lists_and_a_commitment_name_it_in_the_page_language(
    client, plan, commitments, path, language
):
    html = _page(client, path, language)
    assert NAMES[language] in html
    if language == "es":
        assert STORED not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_admin_pick_list_names_it_in_the_page_language(client, plan, language):
    client.force_login(factories.make_plan_admin())
    response = client.get(
        "/admin/autocomplete/",
        {
            "term": "ken",
            "app_label": "commitments",
            "model_name": "commitment",
            "field_name": "action_plan",
        },
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert [result["text"] for result in response.json()["results"]] == [NAMES[language]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_api_keeps_ogps_spelling_of_the_member_in_every_language(
    api_client, plan, commitments, language
):
    def get(path: str, **params: str):
        response = api_client.get(path, params, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, path
        return response

    rows = get("/api/v1/commitments/").json()["results"]
    assert {row["action_plan_name"] for row in rows} == {STORED}
    assert get("/api/v1/commitments/ke0001/").json()["action_plan_name"] == STORED

    ask_question(commitment=commitments[0], text="¿Cuándo?", user=factories.UserFactory())
    for path in ("/api/v1/stats/completion/", "/api/v1/stats/questions/"):
        groups = get(path, group_by="action_plan").json()["results"]
        assert [group["label"] for group in groups] == [STORED], path
    history = get("/api/v1/stats/completion/history/", group_by="action_plan", key="ap_ken01")
    assert history.json()["label"] == STORED


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("path", "column"),
    [
        ("/api/v1/commitments/?format=csv", "action_plan_name"),
        ("/api/v1/commitments/export.csv", "action_plan_name"),
        ("/downloads/commitments.csv", None),
    ],
)
def test_the_csv_and_downloads_keep_ogps_spelling_in_every_language(
    client, plan, commitments, path, column, language
):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=language)
    data = b"".join(response.streaming_content) if response.streaming else response.content
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    column = column or {"es": "Plan de acción", "en": "Action plan"}[language]
    assert {row[column] for row in reader} == {STORED}
