"""An indicator reading a later one corrects (its value or date was typed wrong) is listed in the
indicator's history but is neither its latest reading nor a point on its chart."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from commitments.models import IndicatorReading
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_latest_reading_is_the_correction_not_the_wrong_value(client):
    indicator = factories.IndicatorFactory(unit="%")
    author = factories.UserFactory()
    wrong = IndicatorReading.objects.create(
        indicator=indicator, value=Decimal("90"), as_of=datetime.date(2021, 3, 1), author=author
    )
    IndicatorReading.objects.create(
        indicator=indicator,
        value=Decimal("45"),
        as_of=datetime.date(2021, 2, 1),
        author=author,
        corrects=wrong,
    )

    html = client.get(
        f"/commitments/{indicator.commitment.ogp_id}/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    latest = html.split("Latest reading</dt><dd>", 1)[1].split("</dd>", 1)[0]
    assert latest.startswith("45 %") and "90" not in latest
