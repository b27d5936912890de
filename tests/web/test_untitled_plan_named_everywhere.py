"""A plan OGP's sheet gives no title is named by its member, number and years (as on its own page,
tests/web/test_untitled_plan_is_named.py) wherever else it is named too: the completion figures
grouped by plan (live, as of a day, their course, the CSV), the questions' figures grouped by
plan, the plan column of the commitment tables and the IRM workspace's list of reports. The name
is the same in Spanish here ("plan" in both languages, and a member without an ISO code keeps OGP's
spelling); test_untitled_plan_member_in_page_language.py has a nation a page names in Spanish."""

from __future__ import annotations

import pytest

from questions.services import ask_question
from reviews.models import IRMReport
from tests.factories import (
    ActionPlanFactory,
    CommitmentFactory,
    IRMReportFactory,
    MemberFactory,
    OrganizationFactory,
    UserFactory,
    make_commitments,
    make_plan_admin,
)
from tests.web.conftest import UNTITLED_PLAN_NAME

pytestmark = pytest.mark.django_db

NAME = UNTITLED_PLAN_NAME
LANGUAGES = ["en", "es"]


@pytest.fixture
def plan(untitled_plan):
    return untitled_plan


@pytest.fixture
def lead():
    return OrganizationFactory(slug="treasury", name="The National Treasury")


@pytest.fixture
def commitments(plan, lead):
    return make_commitments(plan, 2, "KE", lead_organization=lead)


def _labels(response) -> dict[str, str]:
    assert response.status_code == 200, response.content[:300]
    return {row["key"]: row["label"] for row in response.json()["results"]}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("extra", [{}, {"as_of": "2026-01-01"}, {"irm_report": "progress"}])
def test_the_completion_figures_by_plan_name_it(api_client, plan, commitments, language, extra):
    response = api_client.get(
        "/api/v1/stats/completion/",
        {"group_by": "action_plan", **extra},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert _labels(response) == {plan.ogp_id: NAME}


def test_the_completion_figures_csv_names_it(api_client, plan, commitments):
    response = api_client.get(
        "/api/v1/stats/completion/", {"group_by": "action_plan", "format": "csv"}
    )
    assert response.status_code == 200
    assert f"{plan.ogp_id},{NAME}," in response.content.decode("utf-8-sig")


def test_the_course_of_its_figures_names_it(api_client, plan, commitments):
    response = api_client.get(
        "/api/v1/stats/completion/history/", {"group_by": "action_plan", "key": "ap_ken03"}
    )
    assert response.status_code == 200
    assert (response.json()["key"], response.json()["label"]) == (plan.ogp_id, NAME)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_question_figures_by_plan_name_it(api_client, plan, commitments, language):
    ask_question(commitment=commitments[0], text="¿Cuándo?", user=UserFactory())
    response = api_client.get(
        "/api/v1/stats/questions/", {"group_by": "action_plan"}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert _labels(response) == {plan.ogp_id: NAME}


def test_a_titled_plan_keeps_its_title_in_the_figures(api_client):
    titled = CommitmentFactory(action_plan__title="Segundo Plan de Acción").action_plan
    ask_question(commitment=titled.commitments.get(), text="¿Cuándo?", user=UserFactory())
    for path in ("/api/v1/stats/completion/", "/api/v1/stats/questions/"):
        response = api_client.get(path, {"group_by": "action_plan"})
        assert _labels(response) == {titled.ogp_id: "Segundo Plan de Acción"}


def _plan_cell(plan) -> str:
    return f'<a href="/plans/{plan.ogp_id}/">{NAME}</a>'


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", ["/commitments/", "/organizations/treasury/"])
def test_the_commitment_tables_name_it_in_their_plan_column(
    client, plan, commitments, page, language
):
    html = client.get(page, HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert _plan_cell(plan) in html
    assert f">{plan.ogp_id}</a>" not in html


def test_the_plan_column_names_a_titled_plan_short_and_gives_its_title_on_hover(
    client, lead, untitled_plan
):
    # A whole title ("Plan de Acción de Gobierno Abierto del Perú 2012-2014") wrapped every row of
    # the table over four lines: the column names every plan as its pick-lists do.
    title = "Cuarto Plan de Acción Nacional de Gobierno Abierto de la República 2019-2021"
    untitled_plan.title = title
    untitled_plan.save()
    CommitmentFactory(action_plan=untitled_plan, lead_organization=lead)
    html = client.get("/organizations/treasury/").content.decode()
    assert f'<a href="/plans/{untitled_plan.ogp_id}/" title="{title}">{NAME}</a>' in html
    assert f">{title}</a>" not in html


def test_naming_every_plan_of_the_figures_takes_no_query_per_plan(
    api_client, plan, commitments, django_assert_num_queries
):
    # one aggregate, each plan named from the same rows
    with django_assert_num_queries(1):
        api_client.get("/api/v1/stats/completion/", {"group_by": "action_plan"})
    for number in (4, 5, 6):
        other = ActionPlanFactory(member=MemberFactory(), number=number, title="")
        make_commitments(other, 2, other.member.commitment_prefix)
    with django_assert_num_queries(1):
        labels = _labels(api_client.get("/api/v1/stats/completion/", {"group_by": "action_plan"}))
    assert len(labels) == 4 and all(" · plan " in label for label in labels.values())


def test_naming_every_plan_of_the_question_figures_takes_no_query_per_plan(
    api_client, plan, commitments, django_assert_num_queries
):
    ask_question(commitment=commitments[0], text="¿Cuándo?", user=UserFactory())
    # the question rows; their commitments' plans with what names them
    with django_assert_num_queries(2):
        api_client.get("/api/v1/stats/questions/", {"group_by": "action_plan"})
    for number in (4, 5, 6):
        other = ActionPlanFactory(member=MemberFactory(), number=number, title="")
        for commitment in make_commitments(other, 2, other.member.commitment_prefix):
            ask_question(commitment=commitment, text="¿Cuándo?", user=UserFactory())
    with django_assert_num_queries(2):
        labels = _labels(api_client.get("/api/v1/stats/questions/", {"group_by": "action_plan"}))
    assert len(labels) == 4 and all(" · plan " in label for label in labels.values())


def test_the_irm_workspace_names_the_plan_of_each_report(client, plan):
    IRMReportFactory(action_plan=plan, state=IRMReport.State.DRAFT)
    client.force_login(make_plan_admin())
    html = client.get("/irm/reports/").content.decode()
    assert f'">{NAME} <span class="muted">{plan.ogp_id}</span></td>' in html
