"""A reading recorded late for an earlier day does not become the indicator's latest: the commitment
page lists readings by the day they are as of, oldest first, and the latest is the newest day."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client

from commitments.models import IndicatorReading
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_reading_entered_late_for_an_earlier_day_is_listed_first():
    indicator = factories.IndicatorFactory(unit="%")
    author = factories.make_editor()
    for as_of, value in ((datetime.date(2016, 6, 30), 40), (datetime.date(2016, 3, 31), 25)):
        IndicatorReading.objects.create(
            indicator=indicator, value=value, as_of=as_of, author=author
        )

    html = (
        Client()
        .get(f"/commitments/{indicator.commitment.ogp_id}/", headers={"accept-language": "en"})
        .content.decode()
    )

    assert "<dd>40 % (30 June 2016)</dd>" in html  # the latest reading
    values = re.findall(
        r'<tr id="reading-\d+">\s*<td class="nowrap card-title">[^<]*</td>\s*<td[^>]*>(\d+) %', html
    )
    assert values == ["25", "40"]
