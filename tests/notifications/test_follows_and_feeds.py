"""Following through the web pages, the Atom feeds, and the plan's course chart."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from commitments.models import Follow, StatusUpdate
from tests.factories import (
    ActionPlanFactory,
    AssessmentFactory,
    CommitmentFactory,
    IRMReportFactory,
    OrganizationFactory,
    StatusUpdateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def reader(client):
    user = UserFactory()
    client.force_login(user)
    return user


def test_a_logged_in_user_follows_a_plan_with_a_daily_digest(client, reader):
    commitment = CommitmentFactory()
    plan = commitment.action_plan
    response = client.post("/follow/", {"kind": "plan", "key": plan.ogp_id, "frequency": "daily"})
    assert response.status_code == 302
    assert response["Location"] == f"/plans/{plan.ogp_id}/"
    follow = Follow.objects.get(user=reader)
    assert follow.action_plan == plan and follow.frequency == "daily"

    # Following again changes the frequency; it never makes a second follow.
    client.post("/follow/", {"kind": "plan", "key": plan.ogp_id, "frequency": "instant"})
    assert Follow.objects.get(user=reader).frequency == "instant"

    page = client.get("/my/follows/")
    assert plan.ogp_id in page.content.decode() or str(plan) in page.content.decode()

    client.post("/unfollow/", {"kind": "plan", "key": plan.ogp_id})
    assert not Follow.objects.filter(user=reader).exists()


def test_following_an_organisation_and_a_commitment(client, reader):
    org = OrganizationFactory(slug="ministerio")
    commitment = CommitmentFactory(ogp_id="PE0008")
    client.post("/follow/", {"kind": "organization", "key": "ministerio"})
    client.post("/follow/", {"kind": "commitment", "key": "PE0008"})
    follows = Follow.objects.filter(user=reader)
    assert {f.target for f in follows} == {org, commitment}
    assert {f.frequency for f in follows} == {"instant"}


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "plan", "key": "AP_NOPE99"},
        {"kind": "planet", "key": "x"},
        {"kind": "commitment", "key": ""},
        {"kind": "commitment", "key": "PE0008", "frequency": "hourly"},
    ],
)
def test_bad_follow_requests_get_a_clear_400_and_write_nothing(client, reader, data):
    CommitmentFactory(ogp_id="PE0008")
    response = client.post("/follow/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "could not be followed" in response.content.decode() or response.context["form"].errors
    assert not Follow.objects.exists()


def test_anonymous_users_are_sent_to_log_in_and_cannot_follow(client):
    commitment = CommitmentFactory()
    response = client.post("/follow/", {"kind": "commitment", "key": commitment.ogp_id})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Follow.objects.exists()


def test_follow_needs_post(client, reader):
    assert client.get("/follow/").status_code == 405


def test_a_foreign_next_url_is_ignored(client, reader):
    commitment = CommitmentFactory()
    response = client.post(
        "/follow/",
        {"kind": "commitment", "key": commitment.ogp_id, "next": "https://evil.example/"},
    )
    assert response["Location"] == f"/commitments/{commitment.ogp_id}/"


def feed_entries(response) -> list[ET.Element]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def test_commitment_feed_lists_its_status_updates_newest_first(client):
    commitment = CommitmentFactory(ogp_id="PE0008")
    StatusUpdateFactory(commitment=commitment, completion="limited", note="Started")
    newest = StatusUpdateFactory(commitment=commitment, completion="complete", note="Done")
    StatusUpdateFactory()  # another commitment's
    response = client.get("/feeds/commitments/PE0008/", HTTP_ACCEPT_LANGUAGE="en")
    entries = feed_entries(response)
    assert len(entries) == 2
    first = entries[0]
    assert "PE0008" in first.find(f"{ATOM}title").text
    assert "Done" in first.find(f"{ATOM}summary").text
    assert first.find(f"{ATOM}id").text == f"statusupdate:{newest.pk}"
    # A person's login name is a credential: never public (no full name: "a registered user").
    assert first.find(f"{ATOM}author/{ATOM}name").text == "a registered user"
    assert newest.author.username not in response.content.decode()


def test_plan_and_organisation_feeds(client):
    org = OrganizationFactory(slug="ministerio")
    led = CommitmentFactory(lead_organization=org)
    supported = CommitmentFactory(action_plan=led.action_plan)
    supported.supporting_organizations.add(org)
    StatusUpdateFactory(commitment=led)
    StatusUpdateFactory(commitment=supported)
    StatusUpdateFactory()
    assert len(feed_entries(client.get(f"/feeds/plans/{led.action_plan.ogp_id}/"))) == 2
    assert len(feed_entries(client.get("/feeds/organizations/ministerio/"))) == 2


def test_unknown_feeds_are_404(client):
    assert client.get("/feeds/plans/AP_NOPE99/").status_code == 404
    assert client.get("/feeds/organizations/nobody/").status_code == 404


def test_feed_query_count_does_not_grow_with_updates(client):
    commitment = CommitmentFactory(ogp_id="PE0008")

    def count(n: int) -> int:
        StatusUpdate.objects.all().delete()
        StatusUpdateFactory.create_batch(n, commitment=commitment)
        with CaptureQueriesContext(connection) as ctx:
            assert len(feed_entries(client.get("/feeds/commitments/PE0008/"))) == n
        return len(ctx.captured_queries)

    # The object, then the updates with their commitment, author and organisation, then the public
    # questions and the official answers (questions.feeds).
    assert count(2) == count(20) == 4


def test_plan_page_shows_the_course_of_its_figures_and_a_follow_button(client, reader):
    commitment = CommitmentFactory()  # its plan started on 2012-01-01
    plan = commitment.action_plan
    report = IRMReportFactory(action_plan=plan, published_on=datetime.date(2014, 3, 1))
    AssessmentFactory(report=report, commitment=commitment, completion="complete")

    page = client.get(f"/plans/{plan.ogp_id}/").content.decode()
    assert "<polyline" in page
    assert "0 / 1" in page and "1 / 1" in page  # IRM high completion before and after the report
    assert 'action="/follow/"' in page
    assert f"/feeds/plans/{plan.ogp_id}/" in page


def test_a_plan_without_commitments_says_so(client):
    plan = ActionPlanFactory()
    page = client.get(f"/plans/{plan.ogp_id}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "This plan has no commitments yet" in page
    assert 'action="/follow/"' not in page  # anonymous: only the feed link
    assert f"/feeds/plans/{plan.ogp_id}/" in page


def test_a_single_day_is_drawn_as_points(client):
    plan = ActionPlanFactory(start_date=timezone.localdate(), end_date=None)
    commitment = CommitmentFactory(action_plan=plan)
    page = client.get(f"/plans/{commitment.action_plan.ogp_id}/").content.decode()
    assert page.count("<circle") == 3  # one point per track: IRM, civil society, government


def test_commitment_and_organisation_pages_offer_follow_and_feed(client, reader):
    organization = OrganizationFactory(slug="ministerio")
    commitment = CommitmentFactory(ogp_id="PE0008", lead_organization=organization)
    for url, feed in [
        (f"/commitments/{commitment.ogp_id}/", "/feeds/commitments/PE0008/"),
        (f"/organizations/{organization.slug}/", "/feeds/organizations/ministerio/"),
    ]:
        page = client.get(url).content.decode()
        assert 'action="/follow/"' in page, url
        assert feed in page, url
