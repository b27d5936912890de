"""A parameter an endpoint accepts is one it reads: pages only where it pages, filters and ordering
only where it filters and orders, each parameter once. Until 8 December the figures, the export, a
record's own address and nine lists took `page`, `page_size` and `ordering` (and a record its list's
filters) and answered as if they were not there; a filter given twice kept the last."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.world("peru")]


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        # figures: one answer, in its own order
        ("/api/v1/stats/completion/?group_by=member&page_size=2", "page_size"),
        ("/api/v1/stats/completion/?group_by=member&page=2", "page"),
        ("/api/v1/stats/completion/?group_by=member&ordering=-updated_at", "ordering"),
        ("/api/v1/stats/completion/history/?page_size=2", "page_size"),
        ("/api/v1/stats/completion/history/?ordering=-ogp_id", "ordering"),
        ("/api/v1/stats/questions/?ordering=-updated_at", "ordering"),
        # the export streams every row by internal id
        ("/api/v1/commitments/export.csv?ordering=-ogp_id", "ordering"),
        ("/api/v1/commitments/export.csv?page=2", "page"),
        ("/api/v1/commitments/export.csv?page_size=10", "page_size"),
        # one record: no list filters, no pages
        ("/api/v1/commitments/PE0001/?member=CHL", "member"),
        ("/api/v1/commitments/PE0001/?page=2", "page"),
        ("/api/v1/action-plans/AP_PER01/?q=zzz", "q"),
        ("/api/v1/members/PER/?kind=local", "kind"),
        ("/api/v1/commitments/PE0001/history/?page=2", "page"),
        ("/api/v1/commitments/PE0001/history/?as_of=2013-01-01", "as_of"),
        # lists without an ordering filter
        ("/api/v1/commitments/PE0001/sources/?ordering=-row", "ordering"),
        ("/api/v1/commitments/PE0001/changes/?ordering=at", "ordering"),
        ("/api/v1/outcome-checks/?ordering=-checked_on", "ordering"),
        ("/api/v1/milestone-progress/?ordering=level", "ordering"),
        ("/api/v1/questions/?ordering=-asked_at", "ordering"),
        ("/api/v1/indicators/?ordering=x", "ordering"),
        # downloads for people are not paged
        ("/downloads/commitments.csv?page=2", "page"),
    ],
)
def test_a_parameter_the_endpoint_would_not_read_is_a_400_naming_it(client, world, url, parameter):
    response = client.get(url)

    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/json"
    message = response.json()[parameter][0]
    assert "format" in message and parameter not in message.split(":", 1)[1]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/commitments/?ordering=-updated_at&page=2&page_size=10",
        "/api/v1/action-plans/?ordering=-ogp_id&page_size=1",
        "/api/v1/commitments/PE0001/?as_of=2013-01-01&irm_report=progress",
        "/api/v1/action-plans/AP_PER01/?as_of=2013-01-01",
        "/api/v1/commitments/export.csv?member=PER&as_of=2014-06-01",
        "/api/v1/commitments/PE0001/sources/?page_size=1",
        "/api/v1/stats/completion/?group_by=member&member=PER&as_of=2014-06-01",
        "/api/v1/stats/completion/history/?group_by=member&key=PER&step=month",
        "/downloads/plans.csv?ordering=-ogp_id",
    ],
)
def test_what_an_endpoint_reads_is_still_taken(client, world, url):
    assert client.get(url).status_code == 200


def test_a_filter_given_twice_is_a_400_not_the_last_one(client, world):
    response = client.get("/api/v1/commitments/?member=PER&member=CHL")

    assert response.status_code == 400
    assert list(response.json()) == ["member"]
    assert client.get("/api/v1/stats/completion/?member=PER&member=CHL").status_code == 400


def test_the_export_is_csv_only(client, world):
    response = client.get("/api/v1/commitments/export.csv?format=json")

    assert response.status_code == 406
    assert "csv" in response.json()["detail"]


def test_a_download_in_a_chosen_order_keeps_it(client, world):
    response = client.get("/downloads/commitments.csv?action_plan=AP_PER01&ordering=-ogp_id")

    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert [line.split(",", 1)[0] for line in lines[1:4]] == ["PE0048", "PE0047", "PE0046"]
