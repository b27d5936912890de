"""The government's account as a third track: responsible officials of a commitment's lead or
co-lead organisations record its self-assessment (web and API, one service), and every figure, list,
filter, export and the history carry three tracks, with the old `self_reported` names as aliases."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.test import Client

from commitments.models import Commitment, StatusUpdate
from tests import factories
from tests.security.test_permission_matrix import _api, _web

pytestmark = [pytest.mark.django_db, pytest.mark.world("government")]

REPORT = {
    "completion": "complete",
    "note": "Se aprobó el reglamento.",
    "links": "https://www.gob.pe/reglamento",
    "as_of": "2013-06-01",
    "corrects": "",
}


def test_official_of_lead_organisation_records_the_governments_assessment_on_the_web(world):
    client = _web(world.official)
    page = client.get(f"/commitments/{world.commitment.ogp_id}/", headers={"accept-language": "es"})
    html = page.content.decode()
    assert "Registrar la evaluación del gobierno" in html
    assert "Publicar una actualización" not in html  # not civil society's button
    form = client.get(f"/commitments/{world.commitment.ogp_id}/report/")
    assert form.status_code == 200
    response = client.post(f"/commitments/{world.commitment.ogp_id}/report/", REPORT)
    assert response.status_code == 302
    update = StatusUpdate.objects.get()
    assert (update.voice, update.author_organization.name) == (
        "government",
        "Ministerio de Justicia",
    )
    world.commitment.refresh_from_db()
    assert world.commitment.government_completion == "complete"
    assert world.commitment.government_as_of == datetime.date(2013, 6, 1)
    assert world.commitment.self_reported_completion == ""  # civil society's track untouched
    assert world.commitment.tracks_disagree  # complete against the IRM's limited
    page = client.get(f"/commitments/{world.commitment.ogp_id}/", headers={"accept-language": "en"})
    html = page.content.decode()
    assert "The government's self-assessment" in html and "Se aprobó el reglamento." in html


def test_official_of_a_co_lead_organisation_may_report_too(world):
    response = _web(world.co_lead_official).post(
        f"/commitments/{world.commitment.ogp_id}/report/", REPORT
    )
    assert response.status_code == 302
    assert StatusUpdate.objects.get().voice == "government"


def test_the_voice_comes_from_the_role_not_from_the_request(world):
    response = _api(world.editor).post(
        f"/api/v1/commitments/{world.commitment.ogp_id}/status-updates/",
        {
            "completion": "limited",
            "as_of": "2013-05-01",
            "links": ["https://example.org"],
            "voice": "government",
        },
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["voice"] == "civil_society"
    assert StatusUpdate.objects.get().voice == "civil_society"


def test_official_records_through_the_api(world):
    response = _api(world.official).post(
        f"/api/v1/commitments/{world.commitment.ogp_id}/status-updates/",
        {"completion": "substantial", "as_of": "2013-05-01", "links": ["https://example.org"]},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["voice"] == "government"
    assert Commitment.objects.get(pk=world.commitment.pk).government_completion == "substantial"


@pytest.mark.parametrize("who", ["anonymous", "foreign_editor", "stranger_official"])
def test_others_are_refused_on_the_web_and_the_api(world, who):
    user = None if who == "anonymous" else getattr(world, who)
    web = _web(user).post(f"/commitments/{world.commitment.ogp_id}/report/", REPORT)
    api = _api(user).post(
        f"/api/v1/commitments/{world.commitment.ogp_id}/status-updates/",
        {"completion": "complete", "as_of": "2013-05-01", "links": ["https://example.org"]},
        format="json",
    )
    assert web.status_code in (302, 403)
    if web.status_code == 302:
        assert "login" in web["Location"]
    assert api.status_code == (401 if user is None else 403)
    assert not StatusUpdate.objects.exists()


def test_an_official_cannot_report_on_a_commitment_another_organisation_leads(world):
    response = _web(world.official).post(f"/commitments/{world.other.ogp_id}/report/", REPORT)
    assert response.status_code == 403
    assert not StatusUpdate.objects.exists()


def test_a_government_correction_corrects_the_governments_update_only(world):
    _web(world.editor).post(f"/commitments/{world.commitment.ogp_id}/report/", REPORT)
    civil = StatusUpdate.objects.get()
    response = _web(world.official).post(
        f"/commitments/{world.commitment.ogp_id}/report/", {**REPORT, "corrects": civil.pk}
    )
    assert response.status_code == 400  # not a choice: civil society's update is not theirs
    assert StatusUpdate.objects.count() == 1


def _report_both(world) -> None:
    _web(world.official).post(f"/commitments/{world.commitment.ogp_id}/report/", REPORT)
    _web(world.editor).post(
        f"/commitments/{world.commitment.ogp_id}/report/", {**REPORT, "completion": "limited"}
    )


def test_plan_figures_give_three_tracks_with_the_old_name_as_alias(world):
    _report_both(world)
    body = Client().get(f"/api/v1/action-plans/{world.plan.ogp_id}/").json()
    completion = body["completion"]
    assert completion["government"]["complete"] == 1
    assert completion["government"]["no_data"] == 1
    assert completion["civil_society"]["limited"] == 1
    assert completion["self_reported"] == completion["civil_society"]  # alias, one release
    assert completion["irm"]["limited"] == 1


def test_commitment_rows_carry_three_tracks_and_disagreement_in_json_and_csv(world):
    _report_both(world)
    row = Client().get(f"/api/v1/commitments/{world.commitment.ogp_id}/").json()
    assert row["government"] == {"completion": "complete", "as_of": "2013-06-01"}
    assert row["civil_society"] == {"completion": "limited", "as_of": "2013-06-01"}
    assert row["self_reported"] == row["civil_society"]
    assert row["tracks_disagree"] is True
    response = Client().get(
        "/api/v1/commitments/", {"action_plan": world.plan.ogp_id, "format": "csv"}
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    mine = next(r for r in rows if r["ogp_id"] == world.commitment.ogp_id)
    assert mine["government.completion"] == "complete"
    assert mine["civil_society.completion"] == "limited"
    assert mine["self_reported.completion"] == "limited"
    assert mine["tracks_disagree"] == "true"


def test_filters_by_each_track_old_names_still_accepted(world):
    _report_both(world)
    api = Client()

    def ids(**params) -> set[str]:
        response = api.get("/api/v1/commitments/", params)
        assert response.status_code == 200, response.content
        return {row["ogp_id"] for row in response.json()["results"]}

    mine = {world.commitment.ogp_id}
    assert ids(government_completion="complete") == mine
    assert ids(civil_society_completion="limited") == mine
    assert ids(self_reported_completion="limited") == mine  # deprecated alias
    assert ids(tracks_disagree="true") == mine
    assert ids(tracks_disagree="false") == {world.other.ogp_id}
    assert ids(ordering="-government_completion", action_plan=world.plan.ogp_id)
    assert ids(ordering="-self_reported_completion", action_plan=world.plan.ogp_id)


def test_plan_csv_figures_have_three_tracks(world):
    _report_both(world)
    response = Client().get("/api/v1/action-plans/", {"format": "csv"})
    header = next(csv.reader(io.StringIO(response.content.decode())))
    for track in ("government", "civil_society", "self_reported", "irm"):
        assert f"completion.{track}.complete" in header, track


def test_the_figures_of_a_past_day_and_the_history_carry_the_government(world):
    _report_both(world)
    history = Client().get(
        "/api/v1/stats/completion/history/", {"group_by": "action_plan", "key": world.plan.ogp_id}
    )
    latest = history.json()["results"][-1]["completion"]
    assert {"government", "civil_society", "irm"} <= set(latest)
    assert latest["government"]["complete"] == 1
    response = Client().get(f"/api/v1/action-plans/{world.plan.ogp_id}/", {"as_of": "2013-07-01"})
    completion = response.json()["completion"]
    assert completion["government"]["complete"] == 1
    assert completion["civil_society"]["limited"] == 1
    before = Client().get(f"/api/v1/action-plans/{world.plan.ogp_id}/", {"as_of": "2013-05-01"})
    assert before.json()["completion"]["government"]["no_data"] == 2


def test_plan_page_shows_three_tracks_and_which_voice_is_missing(world):
    _web(world.official).post(f"/commitments/{world.commitment.ogp_id}/report/", REPORT)
    html = (
        Client()
        .get(f"/plans/{world.plan.ogp_id}/", headers={"accept-language": "en"})
        .content.decode()
    )
    assert "government: reported on 1 of 2" in html
    assert "civil society: reported on 0 of 2" in html
    assert 'data-gov="complete"' in html
    assert 'data-disagree="1"' in html


def test_history_api_says_whose_voice_each_update_is(world):
    _report_both(world)
    body = Client().get(f"/api/v1/commitments/{world.commitment.ogp_id}/history/").json()
    assert sorted(u["voice"] for u in body["status_updates"]) == ["civil_society", "government"]


def test_the_governments_complete_alone_does_not_count_as_completed_in_did_it_last(world):
    _web(world.official).post(f"/commitments/{world.commitment.ogp_id}/report/", REPORT)
    plan = Client().get(f"/api/v1/action-plans/{world.plan.ogp_id}/").json()
    assert plan["completion"]["government"]["complete"] == 1
    assert plan["outcomes"]["completed"] == 0  # "rated complete by the IRM or by civil society"
    past = Client().get(f"/api/v1/action-plans/{world.plan.ogp_id}/", {"as_of": "2014-01-01"})
    assert past.json()["outcomes"]["completed"] == 0


def test_plan_administrators_see_whose_voice_each_update_is_in_the_admin(world):
    _report_both(world)
    admin = _web(factories.make_plan_admin())
    admin.cookies["django_language"] = "es"
    changelist = admin.get("/admin/commitments/commitment/").content.decode()
    assert "Cumplimiento según el gobierno" in changelist
    assert "Cumplimiento según la sociedad civil" in changelist
    updates = admin.get("/admin/commitments/statusupdate/", {"voice": "government"})
    assert updates.status_code == 200
    assert [row.author for row in updates.context["cl"].result_list] == [world.official]
    page = admin.get(f"/admin/commitments/commitment/{world.commitment.pk}/change/")
    assert (
        "reportes de avance (sociedad civil y gobierno; solo se agregan)"
        in page.content.decode().lower()
    )
