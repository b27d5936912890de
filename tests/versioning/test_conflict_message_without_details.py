"""A refused save whose change the history cannot list reads as a sentence. Until 8 December it
said "check it against these changes" with no change listed (a draft assessment another tab had
just created; a change made and undone by a script), "at ?" when the time was unknown, and
"2:03 p.m.. Your input" in English (those two: test_admin_conflicts.py, its pins updated)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from reviews.models import IRMReport
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_draft_another_tab_created_is_refused_without_pointing_at_changes_not_shown():
    researcher = factories.make_researcher(username="luz", first_name="Luz", last_name="Mamani")
    report = factories.IRMReportFactory(state=IRMReport.State.DRAFT, published_on=None)
    report.researchers.add(researcher)
    commitment = factories.CommitmentFactory(action_plan=report.action_plan)
    url = f"/irm/reports/{report.pk}/assess/{commitment.ogp_id}/"
    tab_a, tab_b = Client(), Client()  # Spanish, the site's language
    tab_a.force_login(researcher)
    tab_b.force_login(researcher)
    tab_a.get(url)
    version = re.search(r'name="version" value="(\d+)"', tab_b.get(url).content.decode())[1]
    assert tab_a.post(url, {"narrative": "Texto A", "version": version}).status_code == 302

    refused = tab_b.post(url, {"narrative": "Texto B", "version": version})

    assert refused.status_code == 400
    [message] = refused.context["form"].non_field_errors()
    assert message.startswith("Usted guardó un cambio en este registro desde otra pestaña")
    assert "compárelo con estos cambios" not in message
    assert message.endswith(
        ". Lo que ingresó se conserva abajo: guarde de nuevo para aplicarlo sobre ese cambio."
    )


def test_a_refusal_with_no_field_to_correct_does_not_ask_to_correct_fields():
    researcher = factories.make_researcher(username="luz")
    report = factories.IRMReportFactory(state=IRMReport.State.DRAFT, published_on=None)
    report.researchers.add(researcher)
    assessment = factories.AssessmentFactory(report=report)
    url = f"/irm/reports/{report.pk}/assess/{assessment.commitment.ogp_id}/"
    tab_a, tab_b = Client(), Client()
    tab_a.force_login(researcher)
    tab_b.force_login(researcher)
    version = re.search(r'name="version" value="(\d+)"', tab_b.get(url).content.decode())[1]
    assert tab_a.post(url, {"narrative": "Texto A", "version": version}).status_code == 302

    refused = tab_b.post(url, {"narrative": "Texto B", "version": version}).content.decode()

    box = re.search(r'<div class="form-errors".*?</div>', refused, re.S)[0]
    assert "<p>No se guardó nada.</p>" in box
    assert "Corrija los campos marcados abajo" not in box
    # A field left wrong still asks for it.
    wrong = tab_b.post(url, {"completion": "bogus", "version": "2"}).content.decode()
    assert "No se guardó nada. Corrija los campos marcados abajo." in wrong
