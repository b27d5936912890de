"""Headline figures say what they stand on: coverage, as-of date (in the page's language) and, for
the IRM, which report. The plan page puts figures and commitments before the warnings, which are
a compact list with details on demand. The home page's rates are cards on a phone."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.models import IRMReport
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan():
    member = factories.MemberFactory(code="PER", iso_alpha2="PE", commitment_prefix="PE")
    plan = factories.ActionPlanFactory(member=member, number=1, ogp_id="AP_PER01")
    commitments = [
        factories.CommitmentFactory(
            action_plan=plan, ogp_id=f"PE000{n}", self_reported_completion=""
        )
        for n in range(1, 4)
    ]
    first = commitments[0]
    first.self_reported_completion = "complete"
    first.self_reported_as_of = datetime.date(2026, 12, 5)
    first.save(update_fields=["self_reported_completion", "self_reported_as_of"])
    factories.IRMReportFactory(
        action_plan=plan, kind=IRMReport.Kind.PROGRESS, published_on=datetime.date(2014, 3, 1)
    )
    factories.IRMReportFactory(
        action_plan=plan,
        kind=IRMReport.Kind.END_OF_TERM,
        published_on=None,
        publication_year=2015,
    )
    return plan


ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def visible_text(html: str) -> str:
    """The page's text without tags and attributes (ISO dates in links or data are fine)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize(
    ("language", "civil_society", "irm"),
    [
        ("es", "al 5 de diciembre de 2026", "publicado en 2015"),
        ("en", "as of 5 December 2026", "published in 2015"),
    ],
)
def test_home_and_plan_figures_say_as_of_date_and_irm_report_in_the_page_language(
    client, plan, language, civil_society, irm
):
    for url in ("/", "/plans/AP_PER01/"):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        if language == "en":
            assert civil_society in html, url
            assert irm in html, url
        text = visible_text(html)
        assert not ISO.search(text), (url, ISO.search(text))
    assert "reported on 1 of 3" in client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_a_plan_with_no_report_and_no_update_says_so(client):
    factories.CommitmentFactory(action_plan=factories.ActionPlanFactory(ogp_id="AP_XXX01"))
    html = client.get("/plans/AP_XXX01/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "no published IRM report yet" in html
    assert "no status update yet" in html


def test_plan_page_puts_figures_then_commitments_then_compact_warnings(client, plan):
    html = client.get("/plans/AP_PER01/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    figures = html.index('id="figures"')
    table = html.index('id="commitment-table"')
    warnings = html.index('id="integrity"')
    assert figures < table < warnings
    # Each warning: severity and title in a <summary>, the facts behind it on demand.
    section = html[warnings:]
    if 'class="integrity-warning' in section:
        assert "<details>" in section and "<summary>" in section


def test_home_rates_are_cards_on_a_phone(client, plan):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert 'class="data-table cards"' in html
    # Each rate says what it is when the header row is hidden (phones).
    assert 'data-label="MRI: completos"' in html or 'data-label="IRM: complete"' in html
    assert " style=" not in html


@pytest.mark.parametrize("url", ["/", "/plans/AP_PER01/"])
def test_headline_pages_query_count_does_not_grow_with_plans_and_reports(client, plan, url):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    before = count()
    for n in range(5):
        other = factories.ActionPlanFactory(member=plan.member, number=10 + n)
        factories.IRMReportFactory(action_plan=other)
        factories.CommitmentFactory(
            action_plan=other, self_reported_as_of=datetime.date(2020, 1, 1)
        )
    assert count() == before


def test_home_query_count_is_pinned(client, plan, django_assert_num_queries):
    # Session-less visitor: plans; figures per plan (one aggregate); civil society's latest
    # as-of per plan; the latest published IRM report per plan.
    with django_assert_num_queries(4):
        assert client.get("/").status_code == 200


def test_a_nation_is_named_in_the_page_language_where_ogp_writes_its_iso_name(client, plan):
    plan.member.name = "Peru"
    plan.member.save(update_fields=["name"])
    for code, iso, name in (("KOR", "KR", "South Korea"), ("SVK", "SK", "Slovak Republic")):
        member = factories.MemberFactory(code=code, iso_alpha2=iso, name=name)
        factories.CommitmentFactory(
            action_plan=factories.ActionPlanFactory(member=member, number=1)
        )
    spanish = client.get("/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert ">Perú</h2>" in spanish and ">Peru</h2>" in english
    assert ">Corea del Sur</h2>" in spanish and ">South Korea</h2>" in english
    # A name OGP writes its own way (not ISO's "Slovakia") stays as written.
    assert ">Slovak Republic</h2>" in spanish
    for url in ("/plans/AP_PER01/", "/plans/", "/members/", "/commitments/"):
        assert "Perú" in client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode(), url
    # The API keeps the data's own name.
    assert client.get("/api/v1/members/PER/").json()["name"] == "Peru"
