"""A plan the IRM Explorer gave only years (its submission year, perhaps an end year, no dates):
its page names those years where the dates are unknown, and the plan list's period column shows
them, as its pick-list label already did ("Brasil · plan 1 (2011)"). A plan with dates shows
its dates alone."""

from __future__ import annotations

import datetime
import re

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


def page(client, url: str, language: str) -> str:
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.mark.parametrize(
    ("language", "submitted", "ended"),
    [("en", "Year of submission", "End year"), ("es", "Año de presentación", "Año de término")],
)
def test_a_plan_with_years_only_names_them_on_its_page(client, language, submitted, ended):
    plan = factories.ActionPlanFactory(
        start_date=None, end_date=None, submission_year=2011, end_year=2013
    )

    html = page(client, f"/plans/{plan.ogp_id}/", language)

    assert f"<dt>{submitted}</dt><dd>2011</dd>" in html
    assert f"<dt>{ended}</dt><dd>2013</dd>" in html


def test_a_plan_with_dates_shows_its_dates_alone(client):
    plan = factories.ActionPlanFactory(
        start_date=datetime.date(2012, 4, 10),
        end_date=datetime.date(2014, 12, 31),
        submission_year=2012,
        end_year=2014,
    )

    html = page(client, f"/plans/{plan.ogp_id}/", "en")

    assert "Year of submission" not in html and "End year" not in html
    assert "10 April 2012 \u2013 31 December 2014" in html


def test_the_plan_list_period_falls_back_to_the_years(client):
    factories.ActionPlanFactory(start_date=None, end_date=None, submission_year=2011, end_year=None)
    factories.ActionPlanFactory(
        start_date=datetime.date(2015, 1, 1), end_date=None, submission_year=2014, end_year=2016
    )

    html = page(client, "/plans/", "en")

    assert 'data-label="Period">2011\u2013</td>' in html, html
    assert 'data-label="Period">2015\u20132016</td>' in html, html
