"""The write API's If-Match: which tags name a milestone's version, what a 412 tells the client, and
what an accepted update writes."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import F
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from commitments.models import Milestone
from commitments.versioning import update_versioned
from tests import factories

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def _patch(milestone, changes: dict, if_match: str, user=None):
    client = _client(user or factories.make_plan_admin(username="jorge"))
    return client.patch(
        f"/api/v1/milestones/{milestone.pk}/", changes, format="json", HTTP_IF_MATCH=if_match
    )


def test_if_match_naming_several_tags_is_accepted_when_one_names_this_version():
    milestone = factories.MilestoneFactory(title="Launch")
    other = factories.MilestoneFactory()
    header = f' "milestone-{other.pk}-v1" ,  "milestone-{milestone.pk}-v1"  '

    response = _patch(milestone, {"title": "Launch the portal"}, header)

    assert response.status_code == 200
    assert response["ETag"] == f'"milestone-{milestone.pk}-v2"'


def test_a_tag_whose_version_is_not_a_number_names_no_version():
    milestone = factories.MilestoneFactory(title="Launch")
    unreadable = f'"milestone-{milestone.pk}-vtwo"'

    assert _patch(milestone, {"title": "Changed"}, unreadable).status_code == 412
    # Another tag in the same header can still name the version.
    both = f'{unreadable}, "milestone-{milestone.pk}-v1"'
    assert _patch(milestone, {"title": "Changed"}, both).status_code == 200


def test_a_412_lists_each_change_with_its_label_stored_and_shown_values():
    milestone = factories.MilestoneFactory(title="Launch", status="scheduled", met_on=None)
    rosa = factories.make_plan_admin(username="rosa", first_name="Rosa", last_name="Quispe")
    stale_tag = f'"milestone-{milestone.pk}-v1"'
    changes = {"status": "met", "met_on": "2026-03-02"}
    assert _patch(milestone, changes, stale_tag, user=rosa).status_code == 200
    changed_at = milestone.history.latest().history_date

    response = _patch(milestone, {"title": "From Jorge"}, stale_tag)

    assert response.status_code == 412
    body = response.json()
    assert body["changes"] == [
        {
            "field": "status",
            "label": "status",
            "old": "scheduled",
            "new": "met",
            "old_display": "Scheduled",
            "new_display": "Met",
        },
        {
            "field": "met_on",
            "label": "date met",
            "old": None,
            "new": "2026-03-02",
            "old_display": "—",
            "new_display": "2 March 2026",
        },
    ]
    assert body["changed_at"] == changed_at.isoformat()
    assert body["detail"].endswith(
        ": status: Scheduled -> Met; date met: — -> 2 March 2026. Your input is kept below: "
        "check it against these changes and save again to apply it."
    )


def test_a_412_for_a_change_history_does_not_record_names_no_one_and_no_time():
    milestone = factories.MilestoneFactory(title="Launch")
    milestone.history.all().delete()  # as the importers' bulk writes leave it
    Milestone.objects.filter(pk=milestone.pk).update(version=F("version") + 1)

    response = _patch(milestone, {"title": "Changed"}, f'"milestone-{milestone.pk}-v1"')

    assert response.status_code == 412
    body = response.json()
    assert (body["changed_by"], body["changed_at"], body["changes"]) == ("someone", None, [])
    assert body["current_version"] == 2


def test_a_412_is_answered_in_a_fixed_number_of_queries(django_assert_num_queries):
    milestone = factories.MilestoneFactory(title="Launch")
    rosa = factories.make_plan_admin(username="rosa", first_name="Rosa", last_name="Quispe")
    update_versioned(milestone, expected_version=1, changes={"title": "Second"}, user=rosa)
    update_versioned(milestone, expected_version=2, changes={"title": "Third"}, user=rosa)
    client = _client(factories.make_plan_admin(username="jorge"))

    # 1 the token with its user, 2-3 the user's and the groups' permissions, 4 the milestone;
    # update_versioned: 5 savepoint, 6 the record, 7 the refused conditional UPDATE, 8 the record
    # again, 9 its history rows joined with their users (the name needs no query more), 10-11 the
    # savepoint rolled back and released.
    with django_assert_num_queries(11):
        response = client.patch(
            f"/api/v1/milestones/{milestone.pk}/",
            {"title": "From Jorge"},
            format="json",
            HTTP_IF_MATCH=f'"milestone-{milestone.pk}-v1"',
        )

    assert response.status_code == 412
    assert response.json()["changed_by"] == "Rosa Quispe"


def test_an_update_changing_one_of_the_fields_it_sends_is_saved():
    milestone = factories.MilestoneFactory(title="Launch", status="scheduled")

    response = _patch(
        milestone, {"title": "Launch", "status": "not_met"}, f'"milestone-{milestone.pk}-v1"'
    )

    assert response.status_code == 200
    milestone.refresh_from_db()
    assert (milestone.status, milestone.version) == ("not_met", 2)


def test_an_update_moves_the_records_last_changed_time():
    milestone = factories.MilestoneFactory(title="Launch")
    long_ago = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)
    Milestone.objects.filter(pk=milestone.pk).update(updated_at=long_ago)

    response = _patch(milestone, {"title": "Changed"}, f'"milestone-{milestone.pk}-v1"')

    assert response.status_code == 200
    milestone.refresh_from_db()
    assert milestone.updated_at > long_ago


def test_a_record_with_an_old_invalid_value_can_still_have_another_field_changed():
    """A row stored before a rule existed (a date met before 2000) is not refused for a field the
    client does not touch: only the changed fields are validated."""
    milestone = factories.MilestoneFactory(title="Launch", status="met")
    Milestone.objects.filter(pk=milestone.pk).update(met_on=datetime.date(1999, 12, 31))

    response = _patch(milestone, {"title": "Changed"}, f'"milestone-{milestone.pk}-v1"')

    assert response.status_code == 200
    milestone.refresh_from_db()
    assert (milestone.title, milestone.met_on) == ("Changed", datetime.date(1999, 12, 31))


def test_an_update_keeps_a_field_the_overdue_run_set_while_it_was_being_saved(monkeypatch):
    """mark_overdue moves no version: an update writes only the fields it changes (and its
    version), so the flag the nightly run set meanwhile is not overwritten with the value read."""
    milestone = factories.MilestoneFactory(title="Launch", is_overdue=False)
    full_clean = Milestone.full_clean

    def overdue_run_lands(self, *args, **kwargs):
        Milestone.objects.filter(pk=self.pk).update(is_overdue=True)
        return full_clean(self, *args, **kwargs)

    monkeypatch.setattr(Milestone, "full_clean", overdue_run_lands)

    response = _patch(milestone, {"title": "Changed"}, f'"milestone-{milestone.pk}-v1"')

    assert response.status_code == 200
    milestone.refresh_from_db()
    assert (milestone.title, milestone.is_overdue, milestone.version) == ("Changed", True, 2)
