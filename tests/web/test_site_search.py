"""Site search (/search/ and the faceted /commitments/): accents, stems, ids and typos on
PostgreSQL; the accent-blind fallback elsewhere; facets in the URL; safe highlights; drafts never
found; a query count that does not grow with the rows."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from commitments.search import matching
from commitments.tasks import refresh_search_words
from reviews.models import IRMReport
from tests import factories
from tests.conftest import REQUIRE_SERVICES

pytestmark = pytest.mark.django_db


@pytest.fixture
def postgresql(db):
    if connection.vendor != "postgresql":
        if REQUIRE_SERVICES:
            pytest.fail("Full-text search tests need PostgreSQL (DATABASE_URL) in CI.")
        pytest.skip("Full-text search needs PostgreSQL: set DATABASE_URL.")


@pytest.fixture
def sqlite_fallback(monkeypatch):
    """The fallback path, on whatever database runs the tests (it is plain SQL on both)."""
    monkeypatch.setattr(matching, "on_postgresql", lambda: False)


@pytest.fixture
def peru(db):
    member = factories.MemberFactory(
        code="PER", iso_alpha2="PE", commitment_prefix="PE", name="Perú"
    )
    plan = factories.ActionPlanFactory(
        member=member, number=1, ogp_id="AP_PER01", title="Plan de Acción de Gobierno Abierto"
    )
    contraloria = factories.OrganizationFactory(
        name="Contraloría General de la República", member=member, slug="contraloria"
    )
    found = factories.CommitmentFactory(
        action_plan=plan,
        ogp_id="PE0008",
        title="Acceso a la información pública",
        short_title="",
        full_text="Los compromisos del Estado sobre transparencia y datos abiertos.",
        lead_organization=contraloria,
    )
    factories.MilestoneFactory(commitment=found, title="Portal de Transparencia Estándar")
    other = factories.CommitmentFactory(
        action_plan=plan,
        ogp_id="PE0009",
        title="Presupuesto participativo",
        short_title="",
        full_text="Mesas de concertación regionales.",
        irm_starred=True,
    )
    report = factories.IRMReportFactory(action_plan=plan)
    factories.AssessmentFactory(
        report=report, commitment=other, narrative="El IRM constató avances en las mesas."
    )
    draft = factories.IRMReportFactory(
        action_plan=plan, kind=IRMReport.Kind.END_OF_TERM, state=IRMReport.State.DRAFT
    )
    factories.AssessmentFactory(
        report=draft, commitment=found, narrative="Borrador confidencial sobre las mesas."
    )
    return found


def ids_found(client, q: str, url: str = "/search/") -> list[str]:
    html = client.get(url, {"q": q}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    return re.findall(r'<span class="muted">(PE\d{4})</span>', html)


# PostgreSQL: full-text search with stems and accents ignored, ids and typos.


@pytest.mark.parametrize(
    "q",
    [
        "informacion",  # accents
        "INFORMACIÓN",  # case
        "compromiso",  # stem: the text says "compromisos"
        "información pública",  # all words
        "PE0008",  # the id
        "pe0008",
        "informacoin",  # a typo
        "acceso a la informasion",  # a typo among words
        "estandar",  # in a milestone, accent-blind
    ],
)
def test_postgresql_search_finds_the_commitment(client, postgresql, peru, q):
    assert ids_found(client, q) == ["PE0008"]


def test_postgresql_a_typo_is_corrected_to_a_word_of_the_text(client, postgresql, peru):
    # "transparencia" is only in the full text, which typos were never matched against by
    # trigrams: found once the nightly task has put the word in the word list.
    assert ids_found(client, "transparecnia") == []
    refresh_search_words()
    assert ids_found(client, "transparecnia") == ["PE0008"]
    assert ids_found(client, "datos abirtos") == ["PE0008"]  # a typo among known words


def test_postgresql_a_word_is_not_corrected_to_a_merely_similar_one(client, postgresql, peru):
    refresh_search_words()
    assert matching.spelled("participativos") == "participativo"  # close: one letter more
    assert matching.spelled("presidencia") == "presidencia"  # nothing close enough
    assert matching.spelled("participantes") == "participantes"  # shares a beginning only
    assert matching.spelled("pe0009 xylophone") == "pe0009 xylophone"


def test_postgresql_stems_work_both_ways(client, postgresql, peru):
    peru.full_text = "Un compromiso del Estado."
    peru.save()
    assert ids_found(client, "compromisos") == ["PE0008"]


def test_postgresql_plan_id_and_organisation_typo_are_found(client, postgresql, peru):
    html = client.get("/search/", {"q": "AP_PER01"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'href="/plans/AP_PER01/"' in html
    html = client.get("/search/", {"q": "contralorai"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'href="/organizations/contraloria/"' in html


def test_postgresql_a_title_match_ranks_above_a_full_text_match(client, postgresql, peru):
    factories.CommitmentFactory(
        action_plan=peru.action_plan,
        ogp_id="PE0001",
        title="Mesas de trabajo",
        full_text="Sin relación con la información.",
    )
    assert ids_found(client, "información") == ["PE0008", "PE0001"]


def test_postgresql_the_api_q_uses_the_same_search(client, postgresql, peru):
    body = client.get("/api/v1/commitments/", {"q": "compromiso"}).json()
    assert [row["ogp_id"] for row in body["results"]] == ["PE0008"]


def test_postgresql_past_the_listed_limit_a_search_is_counted_with_its_ids(
    client, postgresql, peru, monkeypatch
):
    from commitments.search import faceted

    for ogp_id, title in (("PE0001", "Transparencia fiscal"), ("PE0002", "Mesas de trabajo")):
        factories.CommitmentFactory(
            action_plan=peru.action_plan, ogp_id=ogp_id, title=title, full_text="transparencia"
        )
    monkeypatch.setattr(faceted, "MAX_LISTED", 1)
    with CaptureQueriesContext(connection) as queries:
        results = faceted.commitment_results(
            RequestFactory().get("/search/", {"q": "transparencia"}), page_size=1
        )
    assert results.page.paginator.count == 3
    assert [row.commitment.ogp_id for row in results.rows] == ["PE0001"]  # the title match first
    member = next(f for f in results.facets if f.name == "member")
    assert [(c.value, c.count) for c in member.choices] == [("PER", 3)]
    # Typos needed? (no); the ranked ids with their total; the page's rows; the excerpts; the
    # facet counts (searching again): no separate count, no separate page.
    assert len(queries) == 5
    # Then the others by id (their titles do not match); the last page is past the ids fetched.
    for page, ogp_id in (("2", "PE0002"), ("3", "PE0008")):
        later = faceted.commitment_results(
            RequestFactory().get("/search/", {"q": "transparencia", "page": page}), page_size=1
        )
        assert [row.commitment.ogp_id for row in later.rows] == [ogp_id]


# The fallback (SQLite, the laptop default): every word, accent- and case-blind.


@pytest.mark.parametrize(
    "q", ["informacion", "INFORMACIÓN", "acceso publica", "pe0008", "estandar"]
)
def test_the_fallback_finds_the_commitment_accent_blind(client, sqlite_fallback, peru, q):
    assert ids_found(client, q) == ["PE0008"]


def test_the_fallback_finds_organisations_and_plans_accent_blind(client, sqlite_fallback, peru):
    html = client.get("/search/", {"q": "contraloria"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'href="/organizations/contraloria/"' in html
    html = client.get(
        "/search/", {"q": "accion abierto"}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert 'href="/plans/AP_PER01/"' in html


# Both engines.


@pytest.mark.parametrize("engine", ["database", "fallback"])
def test_drafts_are_never_found_published_findings_are(client, monkeypatch, peru, engine):
    if engine == "fallback":
        monkeypatch.setattr(matching, "on_postgresql", lambda: False)
    client.force_login(factories.make_plan_admin(username="boss"))  # even for who may read drafts
    html = client.get("/search/", {"q": "mesas"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "El IRM constató avances" in html.replace("<mark>", "").replace("</mark>", "")
    assert "Borrador confidencial" not in html
    html = client.get("/search/", {"q": "confidencial"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Borrador" not in html


@pytest.mark.parametrize("engine", ["database", "fallback"])
def test_highlights_mark_the_words_and_escape_the_data(client, monkeypatch, peru, engine):
    if engine == "fallback":
        monkeypatch.setattr(matching, "on_postgresql", lambda: False)
    peru.title = 'Acceso <script>alert("x")</script> a la información'
    peru.save()
    html = client.get("/search/", {"q": "informacion"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    assert re.search(r"<mark>informaci(ó|o)n</mark>", html)


def test_marked_html_escapes_everything_and_balances_marks():
    marked = matching.marked_html(
        f"<b>{matching.START}a&b{matching.STOP} {matching.STOP}c{matching.START}"
    )
    assert marked == "&lt;b&gt;<mark>a&amp;b</mark> c"


def test_facets_count_what_was_found_and_every_choice_is_a_link(client, sqlite_fallback, peru):
    html = client.get("/search/", {"q": "e"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # Both commitments contain an "e"; one is starred.
    assert 'Perú <span class="facet-count">(2)</span>' in html
    assert 'href="?q=e&amp;starred=true"' in html
    html = client.get("/search/?q=e&starred=true", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ids_found(client, "e") == ["PE0008", "PE0009"]
    assert "PE0009" in html and ">PE0008<" not in html
    assert 'aria-current="true"' in html  # the chosen facet, a link that removes it
    assert '<input type="hidden" name="starred" value="true">' in html  # kept by the words box


def test_overdue_facet_and_filter_use_the_milestone_rule(client, peru):
    late = peru.milestones.get()
    late.due_date = datetime.date(2013, 1, 1)
    late.save()
    html = client.get("/commitments/?overdue=true", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "PE0008" in html and "PE0009" not in html
    body = client.get("/api/v1/commitments/", {"overdue": "false"}).json()
    assert [row["ogp_id"] for row in body["results"]] == ["PE0009"]


def test_a_bad_facet_value_is_a_clear_400(client, peru):
    response = client.get("/search/?q=acceso&member=XXX", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "No OGP member with the code XXX" in response.content.decode()


def test_the_header_search_box_is_on_every_page_in_both_languages(client, peru):
    for language, label in (("en", "Search"), ("es", "Buscar")):
        html = client.get("/plans/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert 'role="search" method="get" action="/search/"' in html
        assert f">{label}</button>" in html


def test_search_page_query_count_does_not_grow_with_rows(client):
    def count(n: int) -> int:
        member = factories.MemberFactory()
        plan = factories.ActionPlanFactory(member=member)
        report = factories.IRMReportFactory(action_plan=plan)
        for i in range(n):
            commitment = factories.CommitmentFactory(
                action_plan=plan,
                title=f"Transparencia número {i}",
                lead_organization=factories.OrganizationFactory(member=member),
            )
            commitment.policy_areas.add(factories.PolicyAreaFactory())
            factories.MilestoneFactory(commitment=commitment)
            factories.AssessmentFactory(
                report=report, commitment=commitment, narrative="transparencia"
            )
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/search/", {"q": "transparencia", "member": member.code})
        assert response.status_code == 200
        return len(queries)

    # Member lookup; page count and rows; excerpts (PostgreSQL); facets: plans, levels,
    # organisations, policy areas; organisations, plans and IRM findings.
    assert count(2) == count(20)


@pytest.mark.parametrize("engine", ["database", "fallback"])
def test_organisation_index_and_api_q_are_accent_blind(client, monkeypatch, peru, engine):
    if engine == "fallback":
        monkeypatch.setattr(matching, "on_postgresql", lambda: False)
    html = client.get("/organizations/", {"q": "contraloria republica"}).content.decode()
    assert 'href="/organizations/contraloria/"' in html
    body = client.get("/api/v1/organizations/", {"q": "CONTRALORÍA"}).json()
    assert [row["name"] for row in body["results"]] == ["Contraloría General de la República"]
    body = client.get("/api/v1/action-plans/", {"q": "accion"}).json()
    assert [row["ogp_id"] for row in body["results"]] == ["AP_PER01"]
    body = client.get("/api/v1/members/", {"q": "peru"}).json()
    assert [row["code"] for row in body["results"]] == ["PER"]
