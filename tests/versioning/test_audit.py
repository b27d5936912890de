"""Audit trail: every change kept with who, when, before and after; shown on the page and the API."""

from __future__ import annotations

import pytest

from commitments.models import Commitment, Milestone, Profile
from commitments.versioning import update_versioned
from tests import factories


@pytest.fixture
def changed(db):
    """A commitment whose title and one milestone were changed by a named plan administrator."""
    organization = factories.OrganizationFactory(name="Proética")
    admin = factories.make_plan_admin(
        username="rosa", first_name="Rosa", last_name="Quispe", email="rosa@example.org"
    )
    Profile.objects.update_or_create(user=admin, defaults={"organization": organization})
    commitment = factories.CommitmentFactory(title="Open data portal")
    milestone = factories.MilestoneFactory(commitment=commitment, title="Launch")
    update_versioned(commitment, expected_version=1, changes={"title": "Open data law"}, user=admin)
    update_versioned(milestone, expected_version=1, changes={"status": "met"}, user=admin)
    return commitment


@pytest.mark.django_db
def test_changes_api_lists_who_when_before_after_without_email(api_client, changed):
    response = api_client.get(
        f"/api/v1/commitments/{changed.ogp_id}/changes/", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 4  # two creations, two changes
    newest, title_change = body["results"][0], body["results"][1]
    assert newest["record_type"] == "milestone"
    assert newest["changes"] == [
        {
            "field": "status",
            "label": "status",
            "old": "scheduled",
            "new": "met",
            "old_display": "Scheduled",
            "new_display": "Met",
        }
    ]
    assert title_change["changes"][0]["old"] == "Open data portal"
    assert title_change["changes"][0]["new"] == "Open data law"
    assert (title_change["by"], title_change["by_organization"]) == ("Rosa Quispe", "Proética")
    assert "rosa@example.org" not in response.content.decode()


def _make_changes(commitment: Commitment, count: int) -> None:
    users = [factories.make_plan_admin() for _ in range(2)]
    for i in range(count):
        current = Commitment.objects.get(pk=commitment.pk)
        update_versioned(
            current, expected_version=current.version, changes={"title": f"T{i}"}, user=users[i % 2]
        )
        milestone = factories.MilestoneFactory(commitment=commitment)
        update_versioned(milestone, expected_version=1, changes={"title": f"M{i}"}, user=users[0])


@pytest.mark.django_db
@pytest.mark.parametrize("changes", [2, 20])
def test_changes_api_query_count_is_flat(api_client, django_assert_num_queries, changes):
    commitment = factories.CommitmentFactory()
    _make_changes(commitment, changes)
    # 1 the commitment, 2 its history with users/profiles/organisations, 3-5 the co-leads,
    # supporters and policy areas its records kept, 6 its milestones' history
    with django_assert_num_queries(6):
        response = api_client.get(f"/api/v1/commitments/{commitment.ogp_id}/changes/")
    assert response.status_code == 200
    assert response.json()["count"] == 1 + changes * 3


@pytest.mark.django_db
def test_unknown_commitment_changes_is_404(api_client):
    assert api_client.get("/api/v1/commitments/ZZ9999/changes/").status_code == 404


@pytest.mark.django_db
def test_public_commitment_page_shows_the_change_history(client, changed):
    response = client.get(f"/commitments/{changed.ogp_id}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Change history" in page or "Historial de cambios" in page
    assert "Open data portal" in page and "Open data law" in page
    assert "Rosa Quispe" in page
    assert "rosa@example.org" not in page


@pytest.mark.django_db
def test_admin_shows_history_of_a_record(client, changed):
    admin = factories.UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    response = client.get(f"/admin/commitments/commitment/{changed.pk}/history/")
    assert response.status_code == 200
    assert "Open data law" in response.content.decode() or "Rosa" in response.content.decode()


@pytest.mark.django_db
def test_bulk_history_helpers_record_each_row(changed):
    # What the importer uses for bulk writes: one history row per record, attributed.
    from simple_history.utils import bulk_update_with_history

    milestones = list(Milestone.objects.all())
    for milestone in milestones:
        milestone.title = "Bulk"
    bulk_update_with_history(milestones, Milestone, ["title"], batch_size=100)
    assert Milestone.history.filter(title="Bulk").count() == len(milestones)


@pytest.mark.django_db
def test_changes_are_downloadable_as_csv_like_every_public_list(api_client, changed):
    response = api_client.get(f"/api/v1/commitments/{changed.ogp_id}/changes/?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("record_type,record_id,record,action,at,by,")
    assert len(lines) == 1 + 4
    assert any("Open data law" in line for line in lines)
    # An unknown commitment is still a JSON 404, whatever format was asked for.
    missing = api_client.get("/api/v1/commitments/ZZ9999/changes/?format=csv")
    assert missing.status_code == 404 and missing["Content-Type"] == "application/json"


@pytest.mark.django_db
def test_login_names_never_appear_in_the_public_history_or_feeds(client):
    from tests import factories as f

    editor = f.make_editor(username="rosa.login")
    editor.first_name, editor.last_name = "", ""
    editor.save()
    commitment = f.CommitmentFactory(ogp_id="PE0042")
    commitment.monitoring_organizations.add(editor.profile.organization)
    f.StatusUpdateFactory(commitment=commitment, author=editor)
    commitment.title = "Changed"
    commitment._history_user = editor
    commitment.save()

    for url in (
        "/api/v1/commitments/PE0042/changes/",
        "/feeds/commitments/PE0042/",
        "/commitments/PE0042/",
    ):
        assert "rosa.login" not in client.get(url).content.decode(), url
