"""A commitment's page says where each finding comes from (issue 12): which IRM report and when, a
corrected civil-society update marked superseded, and the demo's full texts."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from tests import factories

pytestmark = pytest.mark.django_db


def _page(client, commitment, lang: str = "en") -> str:
    return client.get(
        f"/commitments/{commitment.ogp_id}/", HTTP_ACCEPT_LANGUAGE=lang
    ).content.decode()


def test_the_irm_finding_names_its_report_and_date(client):
    commitment = factories.CommitmentFactory(irm_completion="limited")
    report = factories.IRMReportFactory(
        action_plan=commitment.action_plan,
        title="Informe de avance 2012-2013",
        published_on=datetime.date(2014, 3, 1),
    )
    assessment = factories.AssessmentFactory(report=report, commitment=commitment)

    html = _page(client, commitment)

    assert "In Informe de avance 2012-2013, published 1 March 2014." in html
    assert f'href="#assessment-{assessment.pk}"' in html
    assert f'id="assessment-{assessment.pk}"' in html


def test_the_finding_names_the_latest_report_that_rates_completion(client):
    commitment = factories.CommitmentFactory(irm_completion="limited")
    rated = factories.IRMReportFactory(
        action_plan=commitment.action_plan, title="Progress", published_on=datetime.date(2014, 3, 1)
    )
    unrated = factories.IRMReportFactory(
        action_plan=commitment.action_plan,
        kind="end_of_term",
        title="Design only",
        published_on=datetime.date(2015, 3, 1),
    )
    factories.AssessmentFactory(report=rated, commitment=commitment, completion="limited")
    factories.AssessmentFactory(report=unrated, commitment=commitment, completion="")

    html = _page(client, commitment)

    assert "In Progress, published" in html and "In Design only" not in html


def test_no_basis_line_without_a_published_assessment(client):
    commitment = factories.CommitmentFactory()

    assert "irm-basis" not in _page(client, commitment)


def test_a_corrected_update_is_marked_superseded_with_a_link_to_its_correction(client):
    commitment = factories.CommitmentFactory()
    wrong = factories.StatusUpdateFactory(commitment=commitment, completion="complete")
    fixed = factories.StatusUpdateFactory(
        commitment=commitment, completion="limited", corrects=wrong
    )
    kept = factories.StatusUpdateFactory(commitment=commitment, as_of=datetime.date(2013, 1, 1))

    html = _page(client, commitment)

    rest = html.partition(f'id="update-{wrong.pk}"')[2]
    wrong_item = rest.split("</li>")[0]
    assert "Superseded" in wrong_item and f'href="#update-{fixed.pk}"' in wrong_item
    fixed_item = html.partition(f'id="update-{fixed.pk}"')[2].split("</li>")[0]
    kept_item = html.partition(f'id="update-{kept.pk}"')[2].split("</li>")[0]
    assert "Superseded" not in fixed_item and "Superseded" not in kept_item


def test_every_demo_commitment_of_peru_plan_one_has_its_full_text(client):
    call_command("load_demo", stdout=StringIO())
    from commitments.models import Commitment

    plan_one = Commitment.objects.filter(action_plan__ogp_id="AP_PER01")
    assert plan_one.count() == 48
    assert not plan_one.filter(full_text="").exists()
    html = _page(client, plan_one.get(ogp_id="PE0008"))
    assert "The full text is not available." not in html
    assert "Evaluar la creación de una institución autónoma y especializada" in html
