"""Public pages through their URLs: what anyone sees without an account, and flat query counts."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commitments.models import StatusEvidence
from reviews.models import IRMReport
from tests import factories

pytestmark = pytest.mark.django_db


def test_home_lists_members_plans_and_headline_figures(client, world):
    factories.CommitmentFactory(action_plan=world.plan, irm_completion="complete")
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert world.plan.member.name in html
    assert f'href="/plans/{world.plan.ogp_id}/"' in html
    # 3 commitments, one complete by the IRM: "1 de 3 (33,3\xa0%)" in Spanish, the default language.
    assert "1 de 3 (33,3\xa0%)" in html
    assert "/api/v1/stats/completion/?group_by=action_plan&amp;format=csv" in html


def test_home_and_plan_page_say_how_many_commitments_each_track_covers(client, world):
    factories.CommitmentFactory(action_plan=world.plan, irm_completion="complete")
    factories.CommitmentFactory(action_plan=world.plan, self_reported_completion="limited")
    en = {"HTTP_ACCEPT_LANGUAGE": "en"}
    for url in ("/", f"/plans/{world.plan.ogp_id}/"):
        html = client.get(url, **en).content.decode()
        # 4 commitments: the IRM rated 1 of them, civil society reported on 1 (the rest: no data).
        assert "assessed 1 of 4" in html, url
        assert "reported on 1 of 4" in html, url
    spanish = client.get("/").content.decode()
    assert "informó sobre 1 de 4" in spanish


def test_plan_page_shows_approval_figures_chart_and_commitment_table(client, world):
    world.commitment.irm_completion = "limited"
    world.commitment.self_reported_completion = "complete"
    world.commitment.self_reported_as_of = datetime.date(2013, 5, 1)
    world.commitment.save()
    response = client.get(f"/plans/{world.plan.ogp_id}/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Resolución Ministerial N° 085-2012-PCM" in html
    assert "10 April 2012" in html  # dates in the user's locale
    assert '<svg class="chart"' in html  # drawn on the server
    assert "1 of 2 (50.0\xa0%)" in html  # civil society: complete rate
    assert world.commitment.title in html and world.other.title in html
    assert world.commitment.lead_organization.name in html
    assert 'class="disagree"' in html and "Tracks disagree" in html
    assert f"/api/v1/commitments/?action_plan={world.plan.ogp_id}&amp;format=csv" in html
    assert f"/api/v1/action-plans/{world.plan.ogp_id}/?format=json" in html
    assert "Rates count every commitment in the group" in html  # the rule is visible


def test_plan_page_only_loads_local_scripts(client, world):
    html = client.get(f"/plans/{world.plan.ogp_id}/").content.decode()
    assert "<script>" not in html  # no inline scripts
    assert "https://" not in html.split("<body")[0]  # nothing from a CDN in the head
    assert "/static/js/app.js" in html


def test_unknown_plan_is_404(client, db):
    assert client.get("/plans/AP_NOPE01/").status_code == 404


@pytest.mark.parametrize("path", ["/plans/AP_NOPE01/", "/no-such-page/"])
def test_make_run_answers_404s_with_the_site_page_not_the_technical_one(db, path):
    # `make run` has DEBUG on: a newcomer mistyping an address must not get Django's debug page.
    with override_settings(DEBUG=True, TECHNICAL_404=False):
        response = Client().get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    html = response.content.decode()
    assert "There is nothing at this address." in html
    assert "DEBUG = True" not in html
    with override_settings(DEBUG=True, TECHNICAL_404=True):
        assert "DEBUG = True" in Client().get(path).content.decode()
    with override_settings(DEBUG=True, TECHNICAL_404=False):
        api = Client().get("/api/v1/action-plans/AP_NOPE01/")
    assert api.status_code == 404 and api["Content-Type"].startswith("application/json")


def test_commitment_page_shows_text_organisations_milestones_updates_and_evidence(
    client, world, editor
):
    support = factories.OrganizationFactory(name="Defensoría del Pueblo")
    world.commitment.supporting_organizations.add(support)
    update = factories.StatusUpdateFactory(
        commitment=world.commitment,
        completion="limited",
        note="Half of the ministries publish",
        author=world.editor,
        author_organization=world.civil,
    )
    StatusEvidence.objects.create(status_update=update, url="https://example.org/informe")
    response = client.get(f"/commitments/{world.commitment.ogp_id}/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Promised text." in html
    assert "Defensoría del Pueblo" in html
    assert "Proética" in html  # monitored by
    assert "30 June 2013" in html and "Overdue" in html  # milestone past due, not met
    assert "Half of the ministries publish" in html
    assert 'href="https://example.org/informe"' in html


def test_commitment_page_explains_published_assessment_scales_in_words(client, world):
    factories.AssessmentFactory(
        report=world.published,
        commitment=world.commitment,
        specificity="low",
        potential_impact="moderate",
        completion="limited",
        narrative="Public narrative",
    )
    html = client.get(
        f"/commitments/{world.commitment.ogp_id}/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Public narrative" in html
    assert "An activity that needs interpretation before it can be measured." in html
    assert "A significant step, but limited in scope or scale." in html
    assert "How precisely the commitment says what will be done" in html


def test_anonymous_never_sees_draft_assessments(client, world):
    factories.AssessmentFactory(
        report=world.draft, commitment=world.commitment, narrative="Draft finding"
    )
    html = client.get(f"/commitments/{world.commitment.ogp_id}/").content.decode()
    assert "Draft finding" not in html
    assert "Secret draft report" not in html
    plan_html = client.get(f"/plans/{world.plan.ogp_id}/").content.decode()
    assert "Secret draft report" not in plan_html
    assert client.get(f"/irm/reports/{world.draft.pk}/").status_code == 404


def test_a_submitted_report_stays_private_until_it_is_published(client, world):
    """Submitted for publication is not published: its findings are on no public page nor the API."""
    world.draft.state = IRMReport.State.SUBMITTED
    world.draft.save(update_fields=["state"])
    factories.AssessmentFactory(
        report=world.draft, commitment=world.commitment, narrative="Submitted finding"
    )
    factories.AssessmentFactory(
        report=world.published, commitment=world.other, narrative="Published finding"
    )

    html = client.get(f"/commitments/{world.commitment.ogp_id}/").content.decode()
    assert "Submitted finding" not in html
    assert "Secret draft report" not in html
    plan_html = client.get(f"/plans/{world.plan.ogp_id}/").content.decode()
    assert "Secret draft report" not in plan_html
    assert "Progress report 2012-13" in plan_html
    assert client.get(f"/irm/reports/{world.draft.pk}/").status_code == 404
    api = client.get("/api/v1/assessments/?format=json")
    assert api.status_code == 200
    assert [row["commitment"] for row in api.json()["results"]] == [world.other.ogp_id]
    assert "Submitted finding" not in api.content.decode()


def test_a_milestone_due_today_is_not_overdue_on_the_commitment_page(client, world):
    today = timezone.localdate()
    factories.MilestoneFactory(commitment=world.commitment, title="Due today", due_date=today)
    factories.MilestoneFactory(
        commitment=world.commitment,
        title="Due yesterday",
        due_date=today - datetime.timedelta(days=1),
    )
    html = client.get(
        f"/commitments/{world.commitment.ogp_id}/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    rows = {
        title: row
        for row in html.split("<tr")
        for title in ("Due today", "Due yesterday")
        if f">{title}<" in row
    }
    assert set(rows) == {"Due today", "Due yesterday"}
    assert 'class="overdue"' not in rows["Due today"] and "Overdue" not in rows["Due today"]
    assert 'class="overdue"' in rows["Due yesterday"] and "Overdue" in rows["Due yesterday"]


def test_researcher_sees_their_draft_report_listed_on_the_plan(client, world):
    client.force_login(world.researcher)
    html = client.get(f"/plans/{world.plan.ogp_id}/").content.decode()
    assert "Secret draft report" in html


def test_organisation_page_shows_led_and_supported_commitments_with_figures(client, world):
    lead = world.commitment.lead_organization
    world.other.supporting_organizations.add(lead)
    response = client.get(f"/organizations/{lead.slug}/", HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert world.commitment.title in html  # leads
    assert world.other.title in html  # supports
    # Nobody has assessed or reported on the led commitment yet: no finding, not 0 %.
    assert "assessed 0 of 1" in html
    assert "no IRM finding yet" in html
    assert f"/api/v1/organizations/{lead.slug}/?format=json" in html


def test_published_report_page_is_public(client, world):
    response = client.get(f"/irm/reports/{world.published.pk}/")
    assert response.status_code == 200
    assert "Progress report 2012-13" in response.content.decode()


# --- Query counts: flat as the number of commitments grows ------------------------------------


def _build_plan(size: int):
    plan = factories.ActionPlanFactory()
    lead = factories.OrganizationFactory()
    support = factories.OrganizationFactory()
    report = factories.IRMReportFactory(action_plan=plan)
    draft = factories.IRMReportFactory(
        action_plan=plan, kind=IRMReport.Kind.END_OF_TERM, state=IRMReport.State.DRAFT
    )
    author = factories.UserFactory()
    first = None
    for i in range(size):
        commitment = factories.CommitmentFactory(
            action_plan=plan,
            lead_organization=lead,
            irm_completion="limited",
            self_reported_completion="complete" if i % 2 else "",
        )
        commitment.supporting_organizations.add(support)
        commitment.monitoring_organizations.add(support)
        factories.MilestoneFactory(commitment=commitment)
        factories.AssessmentFactory(report=report, commitment=commitment)
        factories.AssessmentFactory(report=draft, commitment=commitment)
        first = first or commitment
        # The first commitment gathers `size` updates, milestones and evidence of its own.
        update = factories.StatusUpdateFactory(commitment=first, author=author)
        StatusEvidence.objects.create(status_update=update, url=f"https://example.org/{i}")
        factories.MilestoneFactory(commitment=first)
    return plan, first, lead


def _count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("page", ["home", "plan", "commitment", "organization", "report"])
def test_public_page_query_count_is_flat(client, db, page):
    counts = []
    for size in (2, 20):
        plan, first, lead = _build_plan(size)
        report = plan.irm_reports.get(state="published")
        url = {
            "home": "/",
            "plan": f"/plans/{plan.ogp_id}/",
            "commitment": f"/commitments/{first.ogp_id}/",
            "organization": f"/organizations/{lead.slug}/",
            "report": f"/irm/reports/{report.pk}/",
        }[page]
        counts.append(_count(client, url))
    assert counts[0] == counts[1], counts


def test_a_signed_in_user_who_researches_nothing_sees_published_reports_not_drafts(client, world):
    client.force_login(world.editor)
    assert client.get(f"/irm/reports/{world.published.pk}/").status_code == 200
    assert client.get(f"/irm/reports/{world.draft.pk}/").status_code == 404
    plan_html = client.get(f"/plans/{world.plan.ogp_id}/").content.decode()
    assert "Progress report 2012-13" in plan_html
    assert "Secret draft report" not in plan_html
