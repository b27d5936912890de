"""The admin names IRM reports, assessments and sheet imports by what they are: a report by its
title, else its plan and kind (the first column of its list); an assessment by its commitment and
report; an import by its file and state (the title of their pages)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from reviews.models import ImportRun, IRMReport
from tests import factories
from tests.factories import AssessmentFactory, IRMReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client):
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    return client


def get(client, url: str) -> str:
    return client.get(url, headers={"accept-language": "en"}).content.decode()


def test_the_report_list_names_a_report_by_title_else_plan_and_kind(superuser_client):
    untitled = IRMReportFactory(kind=IRMReport.Kind.PROGRESS)
    IRMReportFactory(title="Informe de avance 2015")
    html = get(superuser_client, reverse("admin:reviews_irmreport_changelist"))
    names = re.findall(r'<th class="field-__str__"><a [^>]*>([^<]*)</a>', html)
    assert sorted(names) == sorted(
        ["Informe de avance 2015", f"{untitled.action_plan.ogp_id} Progress report"]
    )


def test_an_assessments_page_names_its_commitment_and_report(superuser_client):
    assessment = AssessmentFactory()
    html = get(superuser_client, reverse("admin:reviews_assessment_change", args=[assessment.pk]))
    assert f"<h2>{assessment.commitment_id} / {assessment.report_id}</h2>" in html


def test_an_imports_page_names_its_file_and_state(superuser_client):
    run = ImportRun.objects.create(
        file="imports/2026/12/plan.xlsx",
        file_name="plan.xlsx",
        state=ImportRun.State.IMPORTED,
        uploaded_by=factories.UserFactory(),
    )
    html = get(superuser_client, reverse("admin:reviews_importrun_change", args=[run.pk]))
    assert "<h2>plan.xlsx (Imported)</h2>" in html
