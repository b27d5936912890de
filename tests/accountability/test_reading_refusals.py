"""What an editor reads on the indicator reading page when the service refuses a reading (the exact
wording, under the field, in Spanish and English), and the note they wrote shown with the reading."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from commitments.models import IndicatorReading
from tests.accountability.reading_page import post_reading
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

FUTURE = {
    "es": "La fecha de corte no puede estar en el futuro.",
    "en": "The as-of date cannot be in the future.",
}
NOT_WEB_LINK = {
    "es": "Indique un enlace que empiece con http:// o https://.",
    "en": "Enter a link starting with http:// or https://.",
}


@pytest.fixture
def indicator(world):
    return IndicatorFactory(commitment=world.commitment)


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_reading_dated_tomorrow_is_refused_under_the_as_of_date(
    client, world, indicator, language
):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = post_reading(client, world.editor, indicator, language, as_of=tomorrow.isoformat())
    assert response.status_code == 400
    assert response.context["form"].errors == {"as_of": [FUTURE[language]]}
    assert FUTURE[language] in response.content.decode()
    assert IndicatorReading.objects.count() == 0


@pytest.mark.parametrize("language", ["es", "en"])
def test_an_ftp_evidence_link_is_refused_under_the_link(client, world, indicator, language):
    # The form's URL field lets ftp:// through; readings keep to links a browser opens.
    link = "ftp://example.org/informe.pdf"
    response = post_reading(client, world.editor, indicator, language, evidence_url=link)
    assert response.status_code == 400
    assert response.context["form"].errors == {"evidence_url": [NOT_WEB_LINK[language]]}
    assert NOT_WEB_LINK[language] in response.content.decode()
    assert IndicatorReading.objects.count() == 0


def test_the_note_is_kept_and_shown_with_the_reading_on_the_commitment_page(
    client, world, indicator
):
    note = "Muestra de 40 portales revisada por Proética."
    response = post_reading(client, world.editor, indicator, "es", note=note)
    assert response.status_code == 302
    assert IndicatorReading.objects.get().note == note
    page = client.get(response.url.split("#")[0], HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert note in page
