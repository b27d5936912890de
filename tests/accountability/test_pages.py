"""The accountability sections of the plan and commitment pages, and the reading form."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import IndicatorReading, Organization
from tests import factories
from tests.factories import (
    ConsultationEventFactory,
    IndicatorFactory,
    ProposalFactory,
    make_process,
)

pytestmark = pytest.mark.django_db


def troubled_plan(n: int):
    """A plan with n commitments (none with milestone or indicator), a single mid-level office and
    n proposals, the first a dropped priority."""
    plan = factories.ActionPlanFactory(
        start_date=datetime.date(2015, 1, 1),
        end_date=datetime.date(2016, 12, 31),
        approval_date=datetime.date(2015, 7, 1),
    )
    factories.CommitmentFactory.create_batch(n, action_plan=plan)
    make_process(
        plan,
        [factories.OrganizationFactory(name="Secretaría de Gestión Pública")],
        office_level="mid_level",
    )
    civil = factories.OrganizationFactory(kind=Organization.Kind.CIVIL_SOCIETY)
    for i in range(n):
        ProposalFactory(
            action_plan=plan,
            title="Autoridad de transparencia independiente" if i == 0 else f"Proposal {i}",
            priority=i == 0,
            outcome="dropped" if i == 0 else "adopted",
            proposers=[civil],
        )
        event = ConsultationEventFactory(action_plan=plan)
        event.participants.add(civil)
    return plan


def page_queries(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_plan_page_shows_warnings_and_a_prominent_dropped_priority(client):
    plan = troubled_plan(2)
    _, html = page_queries(client, f"/plans/{plan.ogp_id}/")
    assert 'id="warning-retroactive_approval"' in html
    assert "181" in html
    assert 'id="warning-single_office"' in html
    assert "Secretaría de Gestión Pública" in html
    assert 'class="priority-dropped"' in html
    assert "Autoridad de transparencia independiente" in html
    assert "<script>" not in html


def test_plan_page_queries_stay_flat(client):
    small, _ = page_queries(client, f"/plans/{troubled_plan(2).ogp_id}/")
    large, _ = page_queries(client, f"/plans/{troubled_plan(20).ogp_id}/")
    assert small == large


def indicator_with_readings(n: int):
    indicator = IndicatorFactory()
    author = factories.UserFactory()
    for i in range(n):
        IndicatorReading.objects.create(
            indicator=indicator,
            value=20 + i,
            as_of=datetime.date(2015, 1, 1) + datetime.timedelta(days=20 * (i + 1)),
            author=author,
        )
    return indicator


def test_commitment_page_charts_readings_against_baseline_and_target(client):
    indicator = indicator_with_readings(3)
    _, html = page_queries(client, f"/commitments/{indicator.commitment.ogp_id}/")
    assert f'id="indicator-{indicator.pk}"' in html
    assert '<svg class="indicator-chart"' in html
    assert html.count('class="reading"') == 3
    assert 'class="baseline"' in html and 'class="target"' in html
    assert "<script>" not in html


def test_commitment_page_queries_stay_flat_as_readings_grow(client):
    small, _ = page_queries(client, f"/commitments/{indicator_with_readings(2).commitment.ogp_id}/")
    large, _ = page_queries(
        client, f"/commitments/{indicator_with_readings(20).commitment.ogp_id}/"
    )
    assert small == large


def test_commitment_without_indicator_says_so(client):
    commitment = factories.CommitmentFactory()
    _, html = page_queries(client, f"/commitments/{commitment.ogp_id}/")
    assert 'id="indicators"' in html
    assert "Report a reading" not in html


def _monitoring_editor(indicator):
    editor = factories.make_editor()
    indicator.commitment.monitoring_organizations.add(editor.profile.organization)
    return editor


def test_permitted_editor_sees_the_link_and_records_a_reading(client):
    indicator = indicator_with_readings(1)
    editor = _monitoring_editor(indicator)
    client.force_login(editor)
    _, html = page_queries(client, f"/commitments/{indicator.commitment.ogp_id}/")
    form_url = f"/indicators/{indicator.pk}/readings/new/"
    assert form_url in html
    assert client.get(form_url).status_code == 200
    response = client.post(
        form_url, {"value": "55.5", "as_of": "2016-01-31", "evidence_url": "https://example.org/x"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#indicator-{indicator.pk}")
    latest = indicator.readings.latest("recorded_at")
    assert (str(latest.value), latest.author) == ("55.5000", editor)


def test_bad_reading_form_shows_errors_and_writes_nothing(client):
    indicator = indicator_with_readings(0)
    client.force_login(_monitoring_editor(indicator))
    response = client.post(
        f"/indicators/{indicator.pk}/readings/new/", {"value": "abc", "as_of": ""}
    )
    assert response.status_code == 400
    assert 'class="form-errors"' in response.content.decode()
    future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    response = client.post(
        f"/indicators/{indicator.pk}/readings/new/", {"value": "1", "as_of": future}
    )
    assert response.status_code == 400
    assert indicator.readings.count() == 0


def test_other_editors_get_403_and_anonymous_users_the_login_page(client):
    indicator = indicator_with_readings(0)
    url = f"/indicators/{indicator.pk}/readings/new/"
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(factories.make_editor())
    assert client.get(url).status_code == 403
    assert client.post(url, {"value": "1", "as_of": "2016-01-01"}).status_code == 403
    assert indicator.readings.count() == 0
