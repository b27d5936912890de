"""The demo's draft IRM report does not carry "draft" in its title or its assessments' texts: that
word would stay after the report is published. Its state is shown beside the title instead."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from reviews.models import IRMReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_report():
    call_command("load_demo", stdout=StringIO())
    return IRMReport.objects.get(action_plan__ogp_id="AP_PER01", kind=IRMReport.Kind.END_OF_TERM)


@pytest.mark.parametrize(("language", "state"), [("es", "Borrador"), ("en", "Draft")])
def test_demo_report_page_shows_the_state_beside_a_title_without_it(
    client, demo_report, language, state
):
    client.force_login(get_user_model().objects.get(username="researcher"))

    html = client.get(f"/irm/reports/{demo_report.pk}/", HTTP_ACCEPT_LANGUAGE=language)
    html = html.content.decode()

    assert "<h1>Perú: Informe de fin de término 2012-2014 (demostración)</h1>" in html
    assert "borrador" not in html.split("<h1>")[1].split("</h1>")[0].lower()
    assert f'<span class="state state-draft">{state}</span>' in html


def test_demo_draft_assessments_say_they_are_invented_without_a_state_word(client, demo_report):
    narratives = list(demo_report.assessments.values_list("narrative", flat=True))

    assert narratives
    assert all("Borrador" not in text and "Dato de demostración" in text for text in narratives)
