"""What a person reads on the indicator reading page at its two limits: an editor who does not
monitor the commitment is refused with the reason on the 403 page, and a value of eleven whole
digits is refused under the value (the largest ten-digit value is recorded as typed); in Spanish
and English."""

from __future__ import annotations

from decimal import Decimal
from html import escape

import pytest

from commitments.models import IndicatorReading
from tests import factories
from tests.accountability.reading_page import form_url, post_reading
from tests.factories import IndicatorFactory

pytestmark = pytest.mark.django_db

NOT_ALLOWED = {
    "es": "Solo la organización responsable del compromiso o una organización de la sociedad "
    "civil que lo monitorea puede reportar mediciones de indicadores.",
    "en": "Only the commitment's lead organisation or a civil-society organisation monitoring it "
    "may report indicator readings.",
}
TOO_LARGE = {
    "es": "Indique un número (hasta diez dígitos antes del punto decimal).",
    "en": "Enter a number (up to ten digits before the decimal point).",
}


@pytest.fixture
def indicator(world):
    return IndicatorFactory(commitment=world.commitment)


@pytest.mark.parametrize("language", ["es", "en"])
def test_an_editor_not_monitoring_the_commitment_reads_why_on_the_403_page(
    client, world, indicator, language
):
    stranger = factories.make_editor()  # an editor of another civil-society organisation
    client.force_login(stranger)
    page = client.get(form_url(indicator), HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 403
    assert escape(NOT_ALLOWED[language]) in page.content.decode()
    response = post_reading(client, stranger, indicator, language)
    assert response.status_code == 403
    assert escape(NOT_ALLOWED[language]) in response.content.decode()
    assert IndicatorReading.objects.count() == 0


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_value_of_eleven_whole_digits_is_refused_under_the_value(
    client, world, indicator, language
):
    response = post_reading(client, world.editor, indicator, language, value="10000000000")
    assert response.status_code == 400
    assert response.context["form"].errors == {"value": [TOO_LARGE[language]]}
    assert TOO_LARGE[language] in response.content.decode()
    assert IndicatorReading.objects.count() == 0


def test_the_largest_ten_digit_value_is_recorded_as_typed(client, world, indicator):
    response = post_reading(client, world.editor, indicator, "es", value="-9999999999.9999")
    assert response.status_code == 302
    assert IndicatorReading.objects.get().value == Decimal("-9999999999.9999")
