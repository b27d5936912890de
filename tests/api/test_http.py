"""HTTP behaviour: conditional GETs (304), anonymous throttling (429 + Retry-After), and query
counts that do not grow with the page size."""

from __future__ import annotations

import datetime
import os

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.throttling import AnonRateThrottle

from commitments.models import ActionPlan, Commitment, Organization, PolicyArea
from reviews.models import Assessment
from tests.conftest import REQUIRE_SERVICES
from tests.factories import (
    ActionPlanFactory,
    IRMReportFactory,
    MemberFactory,
    OrganizationFactory,
    make_commitments,
)

pytestmark = [pytest.mark.django_db, pytest.mark.world("peru")]


# -- conditional GET ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/commitments/PE0001/",
        "/api/v1/commitments/?member=PER",
        "/api/v1/action-plans/AP_PER01/",
        "/api/v1/action-plans/",
        "/api/v1/members/PER/",
        "/api/v1/organizations/",
        "/api/v1/assessments/",
    ],
)
def test_unchanged_resource_gives_304(client, world, url):
    first = client.get(url)
    assert first.status_code == 200
    assert first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_changed_commitment_gives_200_with_a_new_etag(client, world):
    url = "/api/v1/commitments/PE0001/"
    first = client.get(url)
    commitment = Commitment.objects.get(ogp_id="PE0001")
    commitment.title = "Portal de Transparencia Estándar, segunda versión"
    commitment.updated_at = commitment.updated_at + datetime.timedelta(seconds=2)
    commitment.save()
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert again.json()["title"].endswith("segunda versión")


def test_csv_and_json_have_different_etags(client, world):
    as_json = client.get("/api/v1/action-plans/")
    as_csv = client.get("/api/v1/action-plans/?format=csv")
    assert as_json["ETag"] != as_csv["ETag"]
    assert "Accept" in as_json["Vary"]


# -- throttling --------------------------------------------------------------------------------


def exhaust_anonymous_rate(client, monkeypatch) -> None:
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    for _ in range(3):
        assert client.get("/api/v1/members/").status_code == 200
    response = client.get("/api/v1/members/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "detail" in response.json()


def test_anonymous_requests_past_the_limit_get_429_with_retry_after(client, world, monkeypatch):
    exhaust_anonymous_rate(client, monkeypatch)


def test_throttle_counters_live_in_redis(client, world, monkeypatch, settings):
    # The run's own cache database when there is one (each xdist worker has its own, see
    # tests/conftest.py); else a local Redis, where there is one.
    redis_url = os.environ.get("CACHE_URL") or "redis://127.0.0.1:6379/3"
    try:
        import redis

        redis.Redis.from_url(redis_url, socket_connect_timeout=1).ping()
    except Exception as exc:
        if REQUIRE_SERVICES or os.environ.get("CACHE_URL"):
            raise
        pytest.skip(f"Redis is not reachable at {redis_url}: {exc}")
    settings.CACHES = {
        "default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": redis_url}
    }
    caches["default"].clear()
    try:
        exhaust_anonymous_rate(client, monkeypatch)
        keys = caches["default"].keys("throttle_anon_*")
        assert keys, "the throttle counter was not stored in Redis"
    finally:
        caches["default"].clear()


# -- query counts ------------------------------------------------------------------------------


@pytest.fixture
def big_world(world) -> None:
    """Enough rows for a page of 100 in every list, each with related rows."""
    peru = world.peru
    plans = [ActionPlanFactory(member=peru, number=n) for n in range(2, 112)]
    orgs = [OrganizationFactory(member=peru) for _ in range(110)]
    for i, plan in enumerate(plans):
        make_commitments(plan, 1, "PE", start=1000 + i, lead_organization=orgs[i])
    commitments = list(Commitment.objects.all())
    area = PolicyArea.objects.get()
    Commitment.supporting_organizations.through.objects.bulk_create(
        [
            Commitment.supporting_organizations.through(
                commitment_id=c.pk, organization_id=orgs[(i + 1) % len(orgs)].pk
            )
            for i, c in enumerate(commitments)
        ]
    )
    Commitment.policy_areas.through.objects.bulk_create(
        [
            Commitment.policy_areas.through(commitment_id=c.pk, policyarea_id=area.pk)
            for c in commitments
            if c.ogp_id != "PE0001"
        ]
    )
    report = IRMReportFactory(action_plan=plans[0])
    Assessment.objects.bulk_create(
        [Assessment(report=report, commitment=c, completion="limited") for c in commitments[48:]]
    )
    MemberFactory.create_batch(110)
    assert ActionPlan.objects.count() > 100
    assert Organization.objects.count() > 100


def count_queries(client, url: str) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return len(queries), response.json()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # count + newest updated_at; page ids; rows; supporting orgs; co-leads; policy areas;
        # predecessors and successors (one query); assessments
        ("/api/v1/commitments/?", 8),
        # the same plus one query to resolve each code filter
        ("/api/v1/commitments/?member=PER&organization=sgp&", 10),
        # the same as the first, plus the page's levels as of the day (one records query)
        ("/api/v1/commitments/?as_of=2015-01-01&", 9),
        ("/api/v1/commitments/?irm_report=progress&", 9),
        # count; page ids; rows; completion figures of the page's plans (one aggregate);
        # outcome figures of the page's plans (one query)
        ("/api/v1/action-plans/?", 5),
        # the same, the figures from the records (one query for the page's plans), and the
        # outcome figure's commitments complete on the day (one more records query)
        ("/api/v1/action-plans/?as_of=2015-01-01&irm_report=progress&", 6),
        # count; page ids; rows with their plan count (subquery)
        ("/api/v1/members/?", 3),
        # count; page ids; rows; completion figures of what the page's organisations lead
        ("/api/v1/organizations/?", 4),
        # count; page ids; rows
        ("/api/v1/assessments/?", 3),
    ],
)
def test_list_query_count_does_not_grow_with_page_size(client, big_world, url, expected):
    small, small_body = count_queries(client, f"{url}page_size=10")
    large, large_body = count_queries(client, f"{url}page_size=100")
    assert len(small_body["results"]) == 10
    assert len(large_body["results"]) == 100 or len(large_body["results"]) == large_body["count"]
    assert small == large == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # id; row; supporting; co-leads; areas; lineage; assessment
        ("/api/v1/commitments/PE0001/", 7),
        ("/api/v1/commitments/PE0001/history/", 4),  # id; updates; evidence; assessments
        # id; row; figures; outcome figures; then the minimum requirements (commitments.requirements.rules):
        # the plan; forums and meetings; status-update days; proposals; commitments
        ("/api/v1/action-plans/AP_PER01/", 9),
        ("/api/v1/members/PER/", 2),  # id; row
        ("/api/v1/organizations/sgp/", 3),  # id; row; figures
        ("/api/v1/stats/completion/?group_by=action_plan", 1),  # one aggregate
    ],
)
def test_detail_query_counts(client, big_world, url, expected):
    assert count_queries(client, url)[0] == expected


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/commitments/?action_pan=AP_PER01", "action_pan"),
        ("/api/v1/commitments/?as_off=2013-01-01", "as_off"),
        ("/api/v1/assessments/?report=2", "report"),
        ("/api/v1/commitments/export.csv?membr=PER", "membr"),
        ("/api/v1/action-plans/?statuss=ended", "statuss"),
    ],
)
def test_an_unknown_query_parameter_is_a_400_naming_it(client, url, parameter):
    response = client.get(url)

    assert response.status_code == 400
    body = response.json()
    assert parameter in body and "format" in body[parameter][0]  # it lists the real ones


def test_a_list_download_gives_every_matching_row_under_a_telling_name(client):
    from tests.factories import ActionPlanFactory, CommitmentFactory, MemberFactory

    plan = ActionPlanFactory(member=MemberFactory(code="PER", name="Peru"), number=1)
    CommitmentFactory.create_batch(52, action_plan=plan)

    response = client.get("/api/v1/commitments/", {"member": "PER", "format": "csv"})

    assert response.status_code == 200
    lines = response.content.decode().strip().splitlines()
    assert len(lines) == 1 + 52  # the header and every row, not the first page of 50
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="PER-commitments-')
    assert disposition.endswith('.csv"')
    # Asking for a page still gives that page.
    paged = client.get("/api/v1/commitments/", {"member": "PER", "format": "csv", "page": 2})
    assert len(paged.content.decode().strip().splitlines()) == 1 + 2
