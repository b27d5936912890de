"""A member's row gives the counts its line on the members page shows: plans and commitments.
Until 8 December the page showed each member's commitments and neither the API, its CSV nor the
members download did."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_commitments

pytestmark = [pytest.mark.django_db, pytest.mark.world("peru")]


def page_counts(client) -> dict[str, tuple[int, int]]:
    """{code: (plans, commitments)} as the members page shows them."""
    html = client.get("/members/").content.decode()
    counts = {}
    for row in re.findall(r"<tr.*?</tr>", html, re.S)[1:]:
        cells = [
            re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td.*?</td>", row, re.S)
        ]
        code = next(cell for cell in cells if re.fullmatch(r"[A-Z]{3}[0-9]*", cell))
        plans, commitments = (int(cell) for cell in cells[-2:])
        counts[code] = (plans, commitments)
    return counts


def test_the_api_and_the_download_count_what_the_page_shows(client, world):
    api = client.get("/api/v1/members/").json()["results"]
    download = client.get("/downloads/members.csv", HTTP_ACCEPT_LANGUAGE="en")
    text = b"".join(download.streaming_content).decode("utf-8-sig")
    in_file = {row["OGP code"]: row for row in csv.DictReader(io.StringIO(text))}

    shown = page_counts(client)
    assert shown["PER"] == (1, 48)
    assert {row["code"]: (row["plan_count"], row["commitment_count"]) for row in api} == shown
    assert in_file["PER"]["Commitments"] == "48"


def test_the_list_s_queries_stay_flat(client, world):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/members/").status_code == 200
        return len(captured)

    few = queries()
    make_commitments(world.chile_plan, 20, "CL", start=50)
    assert queries() == few
