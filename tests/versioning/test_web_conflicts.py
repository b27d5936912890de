"""The researcher's draft assessment page, in the site's default language (Spanish): a save over a
newer version is refused with who changed what and when, in Spanish, and the input kept."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client

from reviews.models import IRMReport
from tests import factories

pytestmark = pytest.mark.django_db

# 19:03 UTC is 14:03 in Lima; later than any row the test writes.
TAB_A_SAVE = datetime.datetime(2030, 11, 27, 19, 3, tzinfo=datetime.UTC)


def _hidden_version(page: str) -> str:
    return re.search(r'name="version" value="(\d+)"', page).group(1)


def test_a_researchers_second_tab_is_refused_in_spanish_naming_who_changed_what_and_when():
    researcher = factories.make_researcher(username="luz", first_name="Luz", last_name="Mamani")
    report = factories.IRMReportFactory(state=IRMReport.State.DRAFT, published_on=None)
    report.researchers.add(researcher)
    assessment = factories.AssessmentFactory(report=report, narrative="Primer borrador")
    url = f"/irm/reports/{report.pk}/assess/{assessment.commitment.ogp_id}/"
    tab_a, tab_b = Client(), Client()
    tab_a.force_login(researcher)
    tab_b.force_login(researcher)
    version_a = _hidden_version(tab_a.get(url).content.decode())
    version_b = _hidden_version(tab_b.get(url).content.decode())
    assert tab_a.post(url, {"narrative": "Texto A", "version": version_a}).status_code == 302
    assessment.history.filter(pk=assessment.history.latest().pk).update(history_date=TAB_A_SAVE)

    refused = tab_b.post(url, {"narrative": "Texto B", "version": version_b})

    assert refused.status_code == 400
    [message] = refused.context["form"].non_field_errors()
    # Both tabs are Luz's: the refusal says the other save was hers (until 9 December it named
    # her as anyone else).
    assert message.startswith(
        "Usted guardó un cambio en este registro desde otra pestaña, ventana o dispositivo el "
        "27 de noviembre de 2030 a las 14:03: "
    )
    assert "; narrativa: Primer borrador -> Texto A." in message
    assert message.endswith(
        ". Lo que ingresó se conserva abajo: compárelo con estos cambios y guarde de nuevo para "
        "aplicarlo."
    )
    assert refused.context["form"]["narrative"].value() == "Texto B"
    assessment.refresh_from_db()
    assert assessment.narrative == "Texto A"


def test_a_refused_save_names_the_rating_changed_not_the_figures_computed_from_it():
    researcher = factories.make_researcher(username="luz", first_name="Luz", last_name="Mamani")
    report = factories.IRMReportFactory(state=IRMReport.State.DRAFT, published_on=None)
    report.researchers.add(researcher)
    assessment = factories.AssessmentFactory(
        report=report, specificity="high", potential_impact="transformative", completion=""
    )
    url = f"/irm/reports/{report.pk}/assess/{assessment.commitment.ogp_id}/"
    tab_a, tab_b = Client(), Client()
    tab_a.force_login(researcher)
    tab_b.force_login(researcher)
    page = tab_a.get(url)
    fields = {
        name: page.context["form"][name].value() or "" for name in page.context["form"].fields
    }
    version = _hidden_version(page.content.decode())
    tab_b.get(url)
    changed = {**fields, "completion": "complete", "version": version}
    assert tab_a.post(url, changed).status_code == 302

    refused = tab_b.post(url, {**fields, "narrative": "Texto B", "version": version})

    assert refused.status_code == 400
    [message] = refused.context["form"].non_field_errors()
    # The rating the other tab typed, and none of the star fields computed from it.
    assert ": cumplimiento: — -> Completo. Lo que ingresó" in message, message
    assert "estrella" not in message, message
