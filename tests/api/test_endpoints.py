"""Every public endpoint through its URL, anonymously, as a journalist would use it."""

from __future__ import annotations

import pytest

from tests.factories import OrganizationFactory
from tests.world import PERU_IRM_LEVELS

pytestmark = [pytest.mark.django_db, pytest.mark.world("peru")]


def get_json(client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_peru_plan_one_figures_through_the_api(client, world):
    plan = get_json(client, "/api/v1/action-plans/AP_PER01/")
    assert plan["commitment_count"] == 48
    irm = plan["completion"]["irm"]
    assert {level: irm[level] for level in PERU_IRM_LEVELS} == PERU_IRM_LEVELS
    assert irm["no_data"] == 0
    assert irm["complete_rate"] == {"numerator": 2, "denominator": 48}
    assert irm["high_completion_rate"] == {"numerator": 14, "denominator": 48}
    assert plan["completion"]["self_reported"]["complete"] == 1
    assert plan["completion"]["denominator_rule"]
    english = client.get("/api/v1/action-plans/AP_PER01/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert "withdrawn" in english["completion"]["denominator_rule"]
    assert plan["member"] == "PER"
    assert plan["approval_date"] == "2012-04-05"


def test_plan_list_gives_the_same_figures_as_the_detail(client, world):
    plans = get_json(client, "/api/v1/action-plans/?member=PE")["results"]
    assert [p["ogp_id"] for p in plans] == ["AP_PER01"]
    detail = get_json(client, "/api/v1/action-plans/AP_PER01/")
    assert plans[0]["completion"] == detail["completion"]


def test_which_commitments_of_perus_first_plan_were_complete(client, world):
    page = get_json(client, "/api/v1/commitments/?action_plan=AP_PER01&irm_completion=complete")
    assert page["count"] == 2
    assert {row["irm_completion"] for row in page["results"]} == {"complete"}


def test_who_was_responsible_for_those_never_started(client, world):
    page = get_json(client, "/api/v1/commitments/?action_plan=AP_PER01&irm_completion=not_started")
    assert page["count"] == 9
    assert {row["lead_organization"]["name"] for row in page["results"]} == {
        "Secretaría de Gestión Pública"
    }


def test_commitment_detail_has_every_part(client, world):
    row = get_json(client, "/api/v1/commitments/pe0001/")
    assert row["ogp_id"] == "PE0001"
    assert row["action_plan"] == "AP_PER01"
    assert row["member"] == "PER"
    assert row["lead_organization"] == {"id": "sgp", "name": "Secretaría de Gestión Pública"}
    assert row["supporting_organizations"] == [
        {"id": "defensoria", "name": "Defensoría del Pueblo"}
    ]
    assert row["ogp_values"] == ["access_to_information"]
    assert row["policy_areas"] == [{"id": "access-to-information", "name": "Access to information"}]
    assert row["self_reported"] == {"completion": "complete", "as_of": "2014-01-15"}
    assert row["irm_completion"] == "complete"
    assert row["irm_starred"] is True
    latest = row["latest_irm_assessment"]
    assert latest["completion"] == "complete"
    assert latest["report"]["kind"] == "progress"
    assert latest["report"]["published_on"] == "2014-03-01"


def test_latest_assessment_is_the_latest_published_one(client, history_world):
    row = get_json(client, "/api/v1/commitments/PE0001/")
    # The end-of-term report (2015) is the latest published; the draft results report is hidden.
    assert row["latest_irm_assessment"]["report"]["kind"] == "end_of_term"
    listed = get_json(client, "/api/v1/commitments/?q=Portal")["results"]
    assert listed[0]["latest_irm_assessment"] == row["latest_irm_assessment"]


def test_history_oldest_first_with_evidence_and_only_published_assessments(client, history_world):
    history = get_json(client, "/api/v1/commitments/PE0001/history/")
    assert history["commitment"] == "PE0001"
    assert [u["completion"] for u in history["status_updates"]] == ["limited", "complete"]
    assert history["status_updates"][0]["evidence"][0]["url"] == "https://example.org/informe"
    assert [a["report"]["kind"] for a in history["assessments"]] == ["progress", "end_of_term"]


def test_a_format_the_endpoint_does_not_offer_is_named_not_a_404(client, history_world):
    # The history is JSON only: asking it for CSV must not read as "no such commitment".
    response = client.get(
        "/api/v1/commitments/PE0001/history/?format=csv", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 406
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"] == (
        "format=csv is not available here; this address gives: json."
    )
    assert client.get("/api/v1/commitments/PE9999/history/").status_code == 404
    assert client.get("/api/v1/members/?format=xml").status_code == 406
    assert client.get("/api/v1/members/?format=csv").status_code == 200


def test_members_answer_to_ogp_and_iso_codes(client, world):
    assert get_json(client, "/api/v1/members/PER/")["name"] == "Peru"
    peru = get_json(client, "/api/v1/members/pe/")
    assert peru["code"] == "PER"
    assert peru["iso_alpha2"] == "PE"
    assert peru["kind"] == "national"
    assert peru["plan_count"] == 1
    lima = get_json(client, "/api/v1/members/LIM01/")
    assert lima["kind"] == "local"
    assert lima["country"] == "PER"
    listed = get_json(client, "/api/v1/members/?country=PER")["results"]
    assert {m["code"] for m in listed} == {"PER", "LIM01"}


def test_organisation_detail_has_figures_of_what_it_leads(client, world):
    org = get_json(client, "/api/v1/organizations/sgp/")
    assert org["led_commitment_count"] == 48
    assert org["completion"]["irm"]["complete"] == 2
    listed = get_json(client, "/api/v1/organizations/?member=PER")["results"]
    assert {o["id"] for o in listed} == {"sgp", "defensoria", "minem"}


def test_assessments_are_published_only(client, history_world):
    page = get_json(client, "/api/v1/assessments/?commitment=PE0001")
    assert page["count"] == 2
    assert {a["report"]["kind"] for a in page["results"]} == {"progress", "end_of_term"}
    one = page["results"][0]
    assert get_json(client, f"/api/v1/assessments/{one['id']}/") == one
    draft_id = max(a["id"] for a in page["results"]) + 1
    get_json(client, f"/api/v1/assessments/{draft_id}/", status=404)


def test_completion_stats_compare_countries(client, world):
    stats = get_json(client, "/api/v1/stats/completion/?group_by=member")
    by_member = {group["key"]: group for group in stats["results"]}
    assert by_member["PER"]["commitment_count"] == 48
    assert by_member["PER"]["completion"]["irm"]["complete_rate"] == {
        "numerator": 2,
        "denominator": 48,
    }
    assert by_member["CHL"]["completion"]["irm"]["complete_rate"] == {
        "numerator": 3,
        "denominator": 3,
    }
    assert stats["denominator_rule"] == by_member["PER"]["completion"]["denominator_rule"]


@pytest.mark.parametrize(
    ("grouping", "key"),
    [
        ("action_plan", "AP_PER01"),
        ("organization", "sgp"),
        ("ogp_value", "access_to_information"),
        ("policy_area", "access-to-information"),
    ],
)
def test_completion_stats_by_every_grouping(client, world, grouping, key):
    stats = get_json(client, f"/api/v1/stats/completion/?group_by={grouping}&country=PER")
    assert stats["group_by"] == grouping
    assert key in {group["key"] for group in stats["results"]}


def test_unknown_ids_are_json_404s(client, world):
    for url in (
        "/api/v1/commitments/XX9999/",
        "/api/v1/commitments/XX9999/history/",
        "/api/v1/action-plans/AP_NOPE01/",
        "/api/v1/members/ZZZ/",
        "/api/v1/organizations/nobody/",
        "/api/v1/assessments/999999/",
    ):
        body = get_json(client, url, status=404)
        assert "detail" in body


def test_api_is_read_only(client, world):
    response = client.post("/api/v1/commitments/", {"ogp_id": "PE9999"})
    assert response.status_code in (403, 405)
    response = client.delete("/api/v1/commitments/PE0001/")
    assert response.status_code in (403, 405)


def test_schema_and_docs_are_served_without_a_cdn(client, world):
    schema = client.get("/api/schema/?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/commitments/" in paths
    names = {p["name"] for p in paths["/api/v1/commitments/"]["get"]["parameters"]}
    assert {
        "member",
        "country",
        "action_plan",
        "organization",
        "ogp_value",
        "policy_area",
        "irm_completion",
        "self_reported_completion",
        "starred",
        "q",
        "updated_since",
        "ordering",
        "page",
        "page_size",
        "format",
    } <= names
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower()


PUBLIC_OPERATIONS = (
    "/api/v1/members/",
    "/api/v1/members/{code}/",
    "/api/v1/action-plans/",
    "/api/v1/action-plans/{ogp_id}/",
    "/api/v1/commitments/",
    "/api/v1/commitments/{ogp_id}/",
    "/api/v1/commitments/{ogp_id}/history/",
    "/api/v1/commitments/export.csv",
    "/api/v1/organizations/",
    "/api/v1/organizations/{slug}/",
    "/api/v1/assessments/",
    "/api/v1/assessments/{id}/",
)


def test_every_field_and_parameter_of_the_public_api_is_described(client, db):
    schema = client.get("/api/schema/?format=json").json()
    undescribed = [
        f"{path} {parameter['name']}"
        for path in PUBLIC_OPERATIONS
        for parameter in schema["paths"][path]["get"].get("parameters", [])
        if not parameter.get("description")
    ]
    components = schema["components"]["schemas"]
    seen: set[str] = set()

    def walk(name: str) -> None:
        if name in seen:
            return
        seen.add(name)
        for field, spec in components[name].get("properties", {}).items():
            if not spec.get("description"):
                undescribed.append(f"{name}.{field}")
            refs = [spec.get("$ref"), spec.get("items", {}).get("$ref")]
            refs += [item.get("$ref") for item in spec.get("allOf", [])]
            for ref in filter(None, refs):
                target = ref.rsplit("/", 1)[1]
                if "properties" in components[target]:
                    walk(target)

    for path in PUBLIC_OPERATIONS:
        content = schema["paths"][path]["get"]["responses"]["200"]["content"]
        ref = content.get("application/json", {}).get("schema", {}).get("$ref")
        if ref:
            walk(ref.rsplit("/", 1)[1])
    assert "PublicCommitment" in seen
    assert undescribed == []


def test_an_organisation_that_leads_nothing_has_all_zero_figures(client, db):
    OrganizationFactory(slug="leads-nothing")
    body = client.get("/api/v1/organizations/leads-nothing/?format=json").json()
    assert body["led_commitment_count"] == 0
    for track in ("irm", "self_reported"):
        figures = dict(body["completion"][track])
        for rate in ("complete_rate", "high_completion_rate"):
            assert figures.pop(rate) == {"numerator": 0, "denominator": 0}, (track, rate)
        assert figures and set(figures.values()) == {0}, (track, figures)
