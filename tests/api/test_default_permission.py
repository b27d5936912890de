"""The API fails closed: a view that does not declare its permission_classes only reads; every
view that writes declares who may (issue 13)."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, path
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from tests import factories


class UndeclaredView(APIView):
    """A view someone forgot to protect: no permission_classes of its own."""

    def get(self, request):
        return Response({"read": True})

    def post(self, request):
        return Response({"written": True}, status=201)


urlpatterns = [path("undeclared/", UndeclaredView.as_view())]


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_view_without_permission_classes_refuses_a_post_from_a_signed_in_user(client):
    client.force_login(factories.make_plan_admin())

    assert client.get("/undeclared/").json() == {"read": True}
    response = client.post("/undeclared/", {}, content_type="application/json")

    assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_view_without_permission_classes_refuses_a_post_from_a_superuser(client):
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))

    assert client.post("/undeclared/", {}, content_type="application/json").status_code == 403


def _views(patterns=None) -> list[type]:
    found = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            found += _views(entry.url_patterns)
        elif isinstance(entry, URLPattern):
            view = getattr(entry.callback, "cls", None)
            if view is not None:
                found.append(view)
    return found


def test_every_api_view_that_writes_declares_its_permissions():
    writers = [
        view
        for view in set(_views())
        if any(hasattr(view, method) for method in ("post", "put", "patch", "delete"))
        and issubclass(view, APIView)
    ]

    assert len(writers) >= 3  # status updates, milestones, draft assessments
    undeclared = [
        view.__qualname__
        for view in writers
        if view.permission_classes == api_settings.DEFAULT_PERMISSION_CLASSES
    ]
    assert undeclared == []
