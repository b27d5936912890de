"""CSV output read back with the csv module; filters combined; bad input gives a JSON 400/404."""

from __future__ import annotations

import csv
import io

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.world("peru")]


def read_csv(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def test_list_as_csv_has_the_same_rows_flattened(client, world):
    as_json = client.get("/api/v1/commitments/?action_plan=AP_PER01&page_size=5").json()
    response = client.get("/api/v1/commitments/?action_plan=AP_PER01&page_size=5&format=csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = read_csv(response.content)
    assert [r["ogp_id"] for r in rows] == [r["ogp_id"] for r in as_json["results"]]
    first = rows[0]
    assert first["title"] == "Portal de Transparencia Estándar"
    assert first["lead_organization.name"] == "Secretaría de Gestión Pública"
    assert first["supporting_organizations.id"] == "defensoria"
    assert first["ogp_values"] == "access_to_information"
    assert first["self_reported.completion"] == "complete"
    assert first["irm_starred"] == "true"
    assert first["latest_irm_assessment.report.kind"] == "progress"
    assert response["X-Total-Count"] == "48"
    assert 'rel="next"' in response["Link"]


def _json_columns(value, path: str = "") -> list[tuple[str, object]]:
    """A JSON row's keys as CSV headers ("parent.child"), each with its value (lists joined)."""
    if isinstance(value, dict):
        return [
            column
            for key, item in value.items()
            for column in _json_columns(item, f"{path}.{key}" if path else key)
        ]
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [(f"{path}.{key}", [item[key] for item in value]) for key in value[0]]
    return [(path, value)]


def _as_cell(value) -> str:
    if isinstance(value, list):
        return "; ".join(_as_cell(item) for item in value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def test_commitment_csv_header_is_the_json_keys_field_by_field(client, world):
    query = "/api/v1/commitments/?action_plan=AP_PER01&page_size=5&format="
    first = client.get(query + "json").json()["results"][0]
    assert first["lead_organization"] and first["supporting_organizations"]  # nothing left empty
    assert first["co_lead_organizations"] == [
        {"id": "minem", "name": "Ministerio de Energía y Minas"}
    ]
    assert first["policy_areas"] and first["latest_irm_assessment"]
    csv_text = client.get(query + "csv").content.decode("utf-8")
    header = next(csv.reader(io.StringIO(csv_text)))
    row = read_csv(csv_text.encode())[0]

    expected = _json_columns(first)
    assert header == [name for name, _ in expected]
    for name, value in expected:
        assert row[name] == _as_cell(value), name


def test_accept_text_csv_header_gives_csv(client, world):
    response = client.get("/api/v1/action-plans/", HTTP_ACCEPT="text/csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = {r["ogp_id"]: r for r in read_csv(response.content)}
    assert rows["AP_PER01"]["commitment_count"] == "48"
    assert rows["AP_PER01"]["completion.irm.not_started"] == "9"
    assert rows["AP_PER01"]["completion.irm.complete_rate.numerator"] == "2"
    assert rows["AP_PER01"]["completion.irm.complete_rate.denominator"] == "48"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/members/?format=csv",
        "/api/v1/organizations/?format=csv",
        "/api/v1/assessments/?format=csv",
        "/api/v1/stats/completion/?group_by=member&format=csv",
    ],
)
def test_every_list_comes_as_csv(client, world, url):
    response = client.get(url)
    assert response.status_code == 200
    rows = read_csv(response.content)
    assert rows
    assert all(len(row) == len(rows[0]) for row in rows)


def test_stats_csv_one_row_per_group(client, world):
    rows = read_csv(client.get("/api/v1/stats/completion/?group_by=member&format=csv").content)
    peru = next(r for r in rows if r["key"] == "PER")
    assert peru["completion.irm.complete"] == "2"
    assert peru["commitment_count"] == "48"


def test_whole_dataset_export_is_streamed_csv_with_latest_assessment(client, history_world):
    response = client.get("/api/v1/commitments/export.csv")
    assert response.status_code == 200
    assert response.streaming
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(b"".join(response.streaming_content))
    assert len(rows) == 53
    by_id = {r["ogp_id"]: r for r in rows}
    assert by_id["PE0001"]["latest_irm_assessment.report.kind"] == "end_of_term"
    assert by_id["PE0001"]["supporting_organizations.name"] == "Defensoría del Pueblo"
    assert by_id["PE0001"]["policy_areas.id"] == "access-to-information"
    assert by_id["CL0001"]["latest_irm_assessment.id"] == ""
    # Same columns as the paginated CSV.
    page = client.get("/api/v1/commitments/?format=csv&page_size=1")
    assert list(rows[0]) == list(read_csv(page.content)[0])


def test_export_takes_the_same_filters(client, world):
    response = client.get("/api/v1/commitments/export.csv?country=PE&irm_completion=not_started")
    rows = read_csv(b"".join(response.streaming_content))
    assert sorted(r["ogp_id"] for r in rows) == sorted(
        [f"PE{n:04d}" for n in range(34, 43)] + ["LIM0001", "LIM0002"]
    )


def test_filters_combine(client, world):
    def ids(query: str) -> set[str]:
        page = client.get(f"/api/v1/commitments/?page_size=500&{query}").json()
        return {row["ogp_id"] for row in page["results"]}

    assert len(ids("member=PER")) == 48
    assert len(ids("country=PER")) == 50  # with Lima's local plan
    assert ids("organization=defensoria") == {"PE0001"}
    assert ids("organization=sgp&starred=true") == {"PE0001"}
    assert ids("ogp_value=access_to_information&policy_area=access-to-information") == {"PE0001"}
    assert ids("self_reported_completion=complete&irm_completion=complete") == {"PE0001"}
    assert len(ids("member=PE&self_reported_completion=no_data")) == 47
    assert ids("q=transparencia&member=PER") == {"PE0001"}
    assert ids("q=transparencia&member=CHL") == set()
    assert len(ids("updated_since=2000-01-01T00:00:00Z&member=CHL")) == 3
    assert ids("updated_since=2999-01-01T00:00:00Z") == set()
    # An offset PostgreSQL would refuse (past 15:59) is turned to UTC first.
    assert len(ids("updated_since=0764-01-28T20:32:41.9-17:37&member=CHL")) == 3


def test_ordering(client, world):
    page = client.get("/api/v1/commitments/?member=PER&ordering=-ogp_id&page_size=3").json()
    assert [r["ogp_id"] for r in page["results"]] == ["PE0048", "PE0047", "PE0046"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("member=NOPE", "member"),
        ("action_plan=AP_XXX01", "action_plan"),
        ("organization=nobody", "organization"),
        ("policy_area=nothing", "policy_area"),
        ("irm_completion=finished", "irm_completion"),
        ("self_reported_completion=maybe", "self_reported_completion"),
        ("ogp_value=happiness", "ogp_value"),
        ("starred=perhaps", "starred"),
        ("updated_since=yesterday", "updated_since"),
        ("updated_since=2024-13-45", "updated_since"),
        ("updated_since=0001-01-01T00:00:00%2B05:00", "updated_since"),
        ("q=" + "x" * 201, "q"),
        ("q=abc%00def", "q"),
        ("member=P%00E", "member"),
        ("ordering=favourite", "ordering"),
        ("page_size=501", "page_size"),
        ("page_size=0", "page_size"),
        ("page_size=ten", "page_size"),
    ],
)
def test_bad_filter_values_are_a_400_naming_the_parameter(client, world, query, field):
    response = client.get(f"/api/v1/commitments/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert field in response.json()


def test_errors_are_json_even_when_csv_was_asked_for(client, world):
    response = client.get("/api/v1/commitments/?format=csv&member=NOPE", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {"member": ["No OGP member with the code NOPE."]}


def test_page_out_of_range_is_a_json_404(client, world):
    # A page that is not a whole number from 1 (0, -1, abc) is a 400: test_page_typed_wrong.py.
    response = client.get("/api/v1/commitments/?page=99")
    assert response.status_code == 404
    assert "detail" in response.json()


def test_bad_group_by_is_a_400(client, world):
    response = client.get("/api/v1/stats/completion/?group_by=weather")
    assert response.status_code == 400
    assert "group_by" in response.json()


def test_nul_and_overlong_ids_in_urls_are_json_404s(client, world):
    for url in ("/api/v1/commitments/PE%00001/", "/api/v1/members/" + "P" * 300 + "/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "detail" in response.json()
