"""A download with a day or report the figures cannot use is refused with a 400 naming the
parameter, before any byte is sent, as the API and the Excel downloads are. Until 8 December
/downloads/plans.csv?as_of=notadate and organizations.csv answered 200 with the header row only
(the refusal was raised while the file streamed, and logged as an error): a reader who mistyped
the day got an empty spreadsheet. The plans page passes its own ?as_of= on to these links."""

from __future__ import annotations

import pytest

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["plans", "organizations"])
@pytest.mark.parametrize("extension", ["csv", "xlsx"])
@pytest.mark.parametrize(
    ("parameter", "value"), [("as_of", "notadate"), ("as_of", "1999-01-01"), ("irm_report", "x")]
)
def test_a_bad_day_or_report_is_refused_before_the_download_starts(
    client, name, extension, parameter, value
):
    factories.CommitmentFactory(lead_organization=factories.OrganizationFactory())
    response = client.get(f"/downloads/{name}.{extension}", {parameter: value})
    assert response.status_code == 400
    assert not response.streaming
    assert list(response.json()) == [parameter]


@pytest.mark.parametrize("name", ["plans", "organizations"])
def test_a_good_day_still_gives_every_row(client, name):
    factories.CommitmentFactory(lead_organization=factories.OrganizationFactory())
    response = client.get(f"/downloads/{name}.csv", {"as_of": "2020-01-01"})
    assert response.status_code == 200
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 2  # the header and the one row
