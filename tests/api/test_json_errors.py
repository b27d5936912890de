"""Errors under /api/ are JSON, also when they happen outside DRF; a JSON body nested too deep is a
400, not a RecursionError 500 (issue 13)."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.test import Client
from django.urls import path

from commitments.api.views import MemberViewSet
from ogptracker import urls as site_urls
from tests import factories

pytestmark = pytest.mark.django_db


def missing(request):
    raise Http404("not here")


# This URLconf's error handlers are the site's.
handler404 = getattr(site_urls, "handler404", None)
handler500 = getattr(site_urls, "handler500", None)
urlpatterns = [path("api/missing/", missing), path("missing/", missing), *site_urls.urlpatterns]


def assert_json_error(response, status: int) -> None:
    assert response.status_code == status, response.content[:200]
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"]


@pytest.fixture
def milestone_patch(client):
    milestone = factories.MilestoneFactory()
    client.force_login(factories.make_plan_admin())

    def patch(body: str):
        return client.patch(
            f"/api/v1/milestones/{milestone.pk}/",
            body,
            content_type="application/json",
            HTTP_IF_MATCH=f'"milestone-{milestone.pk}-v1"',
        )

    patch.milestone = milestone
    return patch


def test_json_nested_past_the_recursion_limit_is_a_400(milestone_patch):
    response = milestone_patch("[" * 100_000 + "]" * 100_000)

    assert_json_error(response, 400)


def test_json_nested_past_the_depth_limit_is_a_400_and_nothing_is_saved(milestone_patch):
    body = '{"status": "met", "notes": ' + "[" * 40 + "]" * 40 + "}"

    response = milestone_patch(body)

    assert_json_error(response, 400)
    milestone_patch.milestone.refresh_from_db()
    assert milestone_patch.milestone.version == 1


def test_json_nested_a_few_levels_is_parsed_as_usual(milestone_patch):
    response = milestone_patch('{"status": {"a": [[["met"]]]}}')

    assert response.status_code == 400
    assert "status" in response.json()  # a field error from the serializer, not a parse error


def test_an_unhandled_error_in_an_api_view_is_a_json_500(monkeypatch):
    def boom(self, request, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(MemberViewSet, "list", boom)

    response = Client(raise_request_exception=False).get("/api/v1/members/")

    assert_json_error(response, 500)
    assert "boom" not in response.content.decode()


def test_a_method_the_api_root_does_not_serve_is_a_json_405(client):
    response = client.post("/api/v1/")

    assert_json_error(response, 405)
    assert response["Allow"] == "GET, HEAD"


@pytest.mark.urls(__name__)
def test_a_404_raised_outside_drf_is_json_under_api_and_a_page_elsewhere(client):
    assert_json_error(client.get("/api/missing/"), 404)
    page = client.get("/missing/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")


def test_the_site_uses_these_handlers():
    from django.urls import get_resolver

    from ogptracker import views

    resolver = get_resolver()
    assert resolver.resolve_error_handler(404) is views.page_not_found
    assert resolver.resolve_error_handler(500) is views.server_error
