"""Peru in the demo, from the essay's facts: the three norms of plan 1 complete, what a civil-society
account says became of them in 2015, and the plan's forum with its meetings unknown."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db) -> None:
    call_command("load_demo", stdout=io.StringIO())


def test_the_three_norms_have_2015_outcome_checks_labelled_as_a_civil_society_account(
    api_client, demo
):
    response = api_client.get(
        "/api/v1/outcome-checks/", {"action_plan": "AP_PER01", "page_size": 50}
    )
    checks = {row["commitment"]: row for row in response.json()["results"]}
    assert {ogp_id: row["verdict"] for ogp_id, row in checks.items()} == {
        "PE0026": "weakened",  # the High-Level Anti-Corruption Commission, in trouble
        "PE0020": "dead_letter",  # the National Anti-Corruption Plan, forgotten
        "PE0001": "dead_letter",  # the regulation of the freedom-of-information law, not applied
    }
    for row in checks.values():
        assert row["checked_on"] == "2015-12-31"
        assert row["note"].startswith("[Relato de la sociedad civil")
        assert row["reported_by"] == "proetica"


def test_the_three_norms_are_complete_on_the_civil_society_track(api_client, demo):
    rows = api_client.get(
        "/api/v1/commitments/", {"action_plan": "AP_PER01", "page_size": 100}
    ).json()["results"]
    by_id = {row["ogp_id"]: row for row in rows}
    for ogp_id in ("PE0001", "PE0020", "PE0026"):
        assert by_id[ogp_id]["self_reported"]["completion"] == "complete", ogp_id


def test_plan_one_did_it_last_figure_reads_none_of_the_norms_in_force(api_client, demo):
    outcomes = api_client.get("/api/v1/action-plans/AP_PER01/").json()["outcomes"]
    assert outcomes["in_force_applied"]["numerator"] == 0
    assert outcomes["coverage"]["numerator"] == 3
    assert outcomes["last_checked_on"] == "2015-12-31"


def test_plan_one_forum_is_recorded_with_its_meetings_unknown(api_client, demo):
    requirements = api_client.get("/api/v1/action-plans/AP_PER01/requirements/").json()[
        "requirements"
    ]
    forum = requirements["forum"]
    assert forum["status"] == "unknown"
    assert forum["facts"]["forums"] == [
        {
            "name": "Comité interministerial de seguimiento del plan de acción",
            "meetings_known": False,
        }
    ]
    assert forum["facts"]["meeting_count"] == 0


@pytest.mark.parametrize("language", ["es", "en"])
def test_plan_one_page_shows_the_forum_unknown_and_the_outcome_checks(client, demo, language):
    client.cookies["django_language"] = language
    html = client.get("/plans/AP_PER01/").content.decode()
    assert 'class="requirement requirement-unknown" id="requirement-forum"' in html
    assert "Comité interministerial de seguimiento del plan de acción" in html
    assert 'id="outcomes"' in html
    page = client.get("/commitments/PE0020/").content.decode()
    assert "Relato de la sociedad civil" in page
