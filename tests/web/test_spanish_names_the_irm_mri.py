"""The Spanish interface names the Independent Reporting Mechanism one way, MRI (Mecanismo de
Revisión Independiente), as its headings and columns do: until 7 December the plan page said
"MRI" in its figures and "Las cifras del IRM provienen de: Informe de avance del IRM" under them,
and the commitment's course chart marked "Informe de avance del IRM" above a caption saying MRI.
"IRM Explorer", the name of OGP's 2017 table, stays as written."""

from __future__ import annotations

import datetime
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

from reviews.models import IRMReport
from tests import factories

pytestmark = pytest.mark.django_db


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.fixture
def assessed():
    plan = factories.ActionPlanFactory(
        title="Plan de prueba", start_date=datetime.date(2012, 4, 10)
    )
    commitment = factories.CommitmentFactory(action_plan=plan, title="Compromiso de prueba")
    report = factories.IRMReportFactory(
        action_plan=plan,
        title="Informe de prueba",
        kind=IRMReport.Kind.PROGRESS,
        published_on=datetime.date(2014, 3, 1),
    )
    factories.AssessmentFactory(report=report, commitment=commitment, completion="limited")
    # The level and its report as publishing caches them on the commitment.
    commitment.irm_completion = "limited"
    commitment.irm_report_kind = IRMReport.Kind.PROGRESS
    commitment.irm_report_published_on = report.published_on
    commitment.save(update_fields=["irm_completion", "irm_report_kind", "irm_report_published_on"])
    return plan, commitment


def test_spanish_plan_page_says_mri_under_its_figures(client, assessed):
    plan, _ = assessed
    page = client.get(f"/plans/{plan.ogp_id}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    text = " ".join(visible_text(page).split())
    assert "Las cifras del MRI provienen de: Informe de avance del MRI" in text
    assert not re.search(r"\bIRM\b", text), re.findall(r".{40}\bIRM\b.{40}", text)


def test_spanish_commitment_chart_marks_the_mri_report(client, assessed):
    _, commitment = assessed
    page = client.get(
        f"/commitments/{commitment.ogp_id}/", HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert ">Informe de avance del MRI</text>" in page
    assert not re.search(r"\bIRM\b", visible_text(page))


def test_english_pages_keep_irm(client, assessed):
    plan, _ = assessed
    page = client.get(f"/plans/{plan.ogp_id}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "IRM counts from: IRM progress report" in " ".join(visible_text(page).split())


def test_no_spanish_message_says_irm_but_for_the_irm_explorer():
    mo = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.mo"
    with mo.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    irm = {
        msgid: msgstr
        for msgid, msgstr in catalog.items()
        if re.search(r"\bIRM\b(?! Explorer)", msgstr)
    }
    assert not irm, irm
