"""Dates outside a plausible range are a 400 naming the field (as_of, since, until; met_on not in
the future), and a PATCH that changes nothing keeps the version (issue 13)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db
STATS = "/api/v1/stats/completion/"
HISTORY = "/api/v1/stats/completion/history/"


@pytest.mark.parametrize("day", ["0001-01-01", "1999-12-31", "9999-12-31"])
@pytest.mark.parametrize(
    ("url", "name", "extra"),
    [
        (STATS, "as_of", {"group_by": "member"}),
        (HISTORY, "since", {"group_by": "member", "key": "all"}),
        (HISTORY, "until", {"group_by": "member", "key": "all"}),
    ],
)
def test_an_implausible_day_is_a_400_naming_the_parameter(api_client, url, name, extra, day):
    response = api_client.get(url, {**extra, name: day})

    assert response.status_code == 400, response.content[:300]
    assert list(response.json()) == [name]


def test_an_implausible_as_of_on_a_plan_is_a_400(api_client):
    plan = factories.ActionPlanFactory()

    response = api_client.get(f"/api/v1/action-plans/{plan.ogp_id}/", {"as_of": "0001-01-01"})

    assert response.status_code == 400
    assert list(response.json()) == ["as_of"]


def test_a_plausible_as_of_is_answered(api_client):
    response = api_client.get(STATS, {"group_by": "member", "as_of": "2015-06-30"})

    assert response.status_code == 200


def _patch(token_client, user, milestone, body, version=1):
    return token_client(user).patch(
        f"/api/v1/milestones/{milestone.pk}/",
        body,
        format="json",
        HTTP_IF_MATCH=f'"milestone-{milestone.pk}-v{version}"',
    )


@pytest.mark.parametrize(
    "met_on",
    [
        "9999-12-31",
        "0001-01-01",
        (timezone.localdate() + datetime.timedelta(days=1)).isoformat(),
    ],
)
def test_met_on_in_the_future_or_before_2000_is_a_400_naming_it(token_client, plan_admin, met_on):
    milestone = factories.MilestoneFactory()

    response = _patch(token_client, plan_admin, milestone, {"status": "met", "met_on": met_on})

    assert response.status_code == 400, response.content
    assert list(response.json()) == ["met_on"]
    milestone.refresh_from_db()
    assert (milestone.status, milestone.met_on, milestone.version) == ("scheduled", None, 1)


def test_met_on_today_is_accepted(token_client, plan_admin):
    milestone = factories.MilestoneFactory()
    today = timezone.localdate().isoformat()

    response = _patch(token_client, plan_admin, milestone, {"status": "met", "met_on": today})

    assert response.status_code == 200, response.content


def test_a_patch_that_changes_nothing_keeps_the_version_and_writes_no_history(
    token_client, plan_admin
):
    milestone = factories.MilestoneFactory(status="met", met_on=datetime.date(2013, 6, 1))
    history_rows = milestone.history.count()
    same = {"status": "met", "met_on": "2013-06-01", "title": milestone.title}

    first = _patch(token_client, plan_admin, milestone, same)
    again = _patch(token_client, plan_admin, milestone, same)

    assert (first.status_code, again.status_code) == (200, 200)
    assert first["ETag"] == again["ETag"] == f'"milestone-{milestone.pk}-v1"'
    milestone.refresh_from_db()
    assert milestone.version == 1
    assert milestone.history.count() == history_rows
    # A real change still moves the version.
    changed = _patch(token_client, plan_admin, milestone, {"status": "partially_met"})
    assert changed["ETag"] == f'"milestone-{milestone.pk}-v2"'


def test_an_empty_patch_over_a_stale_version_is_still_412(token_client, plan_admin):
    milestone = factories.MilestoneFactory()
    _patch(token_client, plan_admin, milestone, {"title": "Renamed"})

    response = _patch(token_client, plan_admin, milestone, {"title": "Renamed"}, version=1)

    assert response.status_code == 412
