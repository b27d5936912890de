"""Lineage: predecessors in earlier plans, set in the admin through one service, shown on the page
with each one's IRM findings, carried in API rows, and counted by the plan warnings when unchanged."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import CompletionLevel
from tests import factories
from tests.admin_forms import admin_post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def line():
    """One member's three plans, one commitment each: the same reform carried from plan 1 to 3."""
    member = factories.MemberFactory(code="PER", name="Perú")
    plans = [
        factories.ActionPlanFactory(
            member=member,
            number=n,
            start_date=datetime.date(2010 + 2 * n, 1, 1),
            end_date=datetime.date(2011 + 2 * n, 12, 31),
        )
        for n in (1, 2, 3)
    ]
    first = factories.CommitmentFactory(
        action_plan=plans[0],
        ogp_id="PE0001",
        title="Portal de transparencia",
        full_text="Publicar.",
        irm_completion=CompletionLevel.LIMITED,
    )
    second = factories.CommitmentFactory(
        action_plan=plans[1],
        ogp_id="PE0101",
        title="Portal de transparencia",
        full_text="Publicar.",
        irm_completion=CompletionLevel.SUBSTANTIAL,
    )
    third = factories.CommitmentFactory(
        action_plan=plans[2],
        ogp_id="PE0201",
        title="Portal de transparencia 2.0",
        full_text="Publicar todo.",
        irm_completion=CompletionLevel.COMPLETE,
        irm_starred=True,
    )
    return plans, first, second, third


def _set_in_admin(client, commitment, predecessors) -> object:
    page = client.get(f"/admin/commitments/commitment/{commitment.pk}/change/")
    data = admin_post_data(page)
    data["predecessors"] = [str(p.pk) for p in predecessors]
    return client.post(f"/admin/commitments/commitment/{commitment.pk}/change/", data)


def test_plan_admin_names_predecessors_and_the_page_shows_the_line(client, line, plan_admin):
    _plans, first, second, third = line
    client.force_login(plan_admin)
    assert _set_in_admin(client, second, [first]).status_code == 302
    assert _set_in_admin(client, third, [second]).status_code == 302
    assert list(third.predecessors.all()) == [second]
    assert list(first.successors.all()) == [second]

    client.logout()
    html = client.get("/commitments/PE0101/", headers={"accept-language": "en"}).content.decode()
    assert "Across plans" in html
    section = html[html.index("lineage-heading") :]
    assert section.index("PE0001") < section.index("PE0101") < section.index("PE0201")
    assert 'href="/commitments/PE0001/"' in section and 'href="/commitments/PE0201/"' in section
    assert "Limited" in section and "Substantial" in section and "★" in section


def test_a_predecessor_must_be_in_an_earlier_plan_of_the_same_member(client, line, plan_admin):
    _plans, first, _second, third = line
    client.force_login(plan_admin)
    response = _set_in_admin(client, first, [third])
    assert response.status_code == 200
    assert "PE0201 no está en un plan anterior del mismo miembro." in response.content.decode()
    other = factories.CommitmentFactory()  # another member's plan
    response = _set_in_admin(client, third, [other])
    assert "no está en un plan anterior del mismo miembro" in response.content.decode()
    assert not first.predecessors.exists() and not third.predecessors.exists()


def test_editor_cannot_set_predecessors(client, line, editor):
    _plans, _first, second, _third = line
    client.force_login(editor)
    response = client.get(f"/admin/commitments/commitment/{second.pk}/change/")
    assert response.status_code in (302, 403)


def test_api_rows_carry_predecessors_and_successors(client, line):
    _plans, first, second, third = line
    second.predecessors.add(first)
    third.predecessors.add(second)
    rows = {r["ogp_id"]: r for r in client.get("/api/v1/commitments/").json()["results"]}
    assert rows["PE0101"]["predecessors"] == ["PE0001"]
    assert rows["PE0101"]["successors"] == ["PE0201"]
    assert rows["PE0001"]["predecessors"] == [] and rows["PE0201"]["successors"] == []
    one = client.get("/api/v1/commitments/PE0201/").json()
    assert one["predecessors"] == ["PE0101"]
    export = client.get("/api/v1/commitments/export.csv")
    assert export.status_code == 200
    lines = b"".join(export.streaming_content).decode().splitlines()
    header = lines[0].split(",")
    assert "predecessors" in header and "successors" in header
    row = next(line for line in lines if line.startswith("PE0101,"))
    assert "PE0001" in row and "PE0201" in row


def test_api_list_query_count_stays_flat_with_lineage(client, line):
    plans, first, second, _third = line
    second.predecessors.add(first)
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/commitments/")
    for n in range(20):
        extra = factories.CommitmentFactory(action_plan=plans[2], ogp_id=f"PE03{n:02d}")
        extra.predecessors.add(first)
    with CaptureQueriesContext(connection) as many:
        rows = client.get("/api/v1/commitments/").json()["results"]
    assert len(many) == len(few)
    assert len(next(r for r in rows if r["ogp_id"] == "PE0001")["successors"]) == 21


def test_plan_warnings_count_commitments_carried_over_unchanged(client, line):
    plans, first, second, third = line
    second.predecessors.add(first)  # same title and text
    third.predecessors.add(second)  # rewritten: not counted
    warnings = client.get(f"/api/v1/action-plans/{plans[1].ogp_id}/warnings/").json()
    found = {w["code"]: w for w in warnings["warnings"]}
    assert found["carried_over_unchanged"]["facts"]["count"] == 1
    assert found["carried_over_unchanged"]["facts"]["commitments"] == ["PE0101"]
    warnings = client.get(f"/api/v1/action-plans/{plans[2].ogp_id}/warnings/").json()
    assert "carried_over_unchanged" not in {w["code"] for w in warnings["warnings"]}
