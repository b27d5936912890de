"""When the database refuses new connections (down, restarting, or max_connections used up) every
request is answered 503 with Retry-After (JSON under /api/, a small page elsewhere), never an HTML
500; and the connection budget is stated and checked (issue 13, item 15)."""

from __future__ import annotations

import logging
import uuid

import pytest
from django.core.checks import run_checks
from django.db import OperationalError, connections
from django.test import Client, override_settings

from commitments.api.views import MemberViewSet
from ogptracker.checks import connection_budget
from tests.conftest import REQUIRE_SERVICES


@pytest.fixture
def refusing_database(django_db_blocker, monkeypatch, tmp_path):
    """New connections fail for real inside the driver: SQLite is sent to a file in a folder that
    does not exist, PostgreSQL to a port where nothing listens. The test's own connection is put
    aside and given back afterwards."""
    connection = connections["default"]
    real_params = type(connection).get_connection_params

    def unreachable(self):
        params = real_params(self)
        if self.vendor == "sqlite":
            params["database"] = str(tmp_path / "missing" / "db.sqlite3")
        else:
            params.update(host="127.0.0.1", port=1, connect_timeout=2)
        return params

    with django_db_blocker.unblock():
        saved = connection.connection
        monkeypatch.setattr(type(connection), "get_connection_params", unreachable)
        connection.connection = None
        try:
            yield
        finally:
            if connection.connection is not None and connection.connection is not saved:
                connection.connection.close()
            connection.connection = saved


@pytest.fixture
def exhausted_postgresql(django_db_blocker, monkeypatch):
    """PostgreSQL's own "too many connections" (SQLSTATE 53300), for real: new connections log in as
    a role whose connection limit is 0, exactly what a server at max_connections answers."""
    connection = connections["default"]
    if connection.vendor != "postgresql":
        message = "Connection exhaustion needs PostgreSQL: set DATABASE_URL."
        if REQUIRE_SERVICES:
            pytest.fail(message)
        pytest.skip(message)
    role = f"ogp_exhausted_{uuid.uuid4().hex[:8]}"
    real_params = type(connection).get_connection_params

    def as_limited_role(self):
        return {**real_params(self), "user": role, "password": ""}

    with django_db_blocker.unblock():
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE ROLE "{role}" LOGIN CONNECTION LIMIT 0')
        saved = connection.connection
        monkeypatch.setattr(type(connection), "get_connection_params", as_limited_role)
        connection.connection = None
        try:
            yield
        finally:
            monkeypatch.undo()
            connection.connection = saved
            with connection.cursor() as cursor:
                cursor.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_connections_exhausted_on_postgresql_answer_503(exhausted_postgresql, caplog):
    caplog.set_level(logging.ERROR, logger="django.request")
    client = Client(raise_request_exception=False)

    api = client.get("/api/v1/commitments/", HTTP_ACCEPT_LANGUAGE="en")
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert (api.status_code, api["Retry-After"]) == (503, "30")
    assert api["Content-Type"].startswith("application/json")
    assert (page.status_code, page["Retry-After"]) == (503, "30")
    # The server's own refusal, logged for the operator.
    assert any("too many connections" in r.getMessage() + str(r.exc_info) for r in caplog.records)


def test_the_api_answers_503_json_with_retry_after_when_the_database_refuses(refusing_database):
    response = Client(raise_request_exception=False).get(
        "/api/v1/commitments/", HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 503, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert response["Retry-After"] == "30"
    assert "database cannot be reached" in response.json()["detail"]


def test_a_page_answers_503_html_with_retry_after_when_the_database_refuses(refusing_database):
    response = Client(raise_request_exception=False).get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 503
    assert response["Content-Type"].startswith("text/html")
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert "Temporarily unavailable" in body and "try again in 30 seconds" in body
    assert "Traceback" not in body


@pytest.mark.django_db
def test_a_query_failing_on_a_working_connection_stays_a_500(monkeypatch):
    # Only a refused connection is "try again later"; a failing query is a fault to look into.
    def failing(self, request, *args, **kwargs):
        raise OperationalError("deadlock detected")

    monkeypatch.setattr(MemberViewSet, "list", failing)

    response = Client(raise_request_exception=False).get("/api/v1/members/")

    assert response.status_code == 500
    assert "Retry-After" not in response


def _budget_warnings(**overrides) -> list:
    with override_settings(**overrides):
        return [m for m in run_checks() if m.id == "ogptracker.W010"]


def test_the_connection_budget_is_stated_and_warned_about_when_over_the_server_limit():
    defaults = {
        "WEB_CONCURRENCY": 3,
        "WEB_THREADS": 4,
        "WORKER_REPLICAS": 1,
        "WORKER_CONCURRENCY": 2,
        "DB_MAX_CONNECTIONS": 100,
    }
    with override_settings(**defaults):
        budget = connection_budget()
    # 3 x 4 gunicorn threads + 1 x 2 worker processes + beat + 5 for one-off commands.
    assert budget == {
        "web": 12,
        "workers": 2,
        "beat": 1,
        "one_off": 5,
        "total": 20,
        "available": 97,
    }
    assert _budget_warnings(**defaults) == []

    [warning] = _budget_warnings(**{**defaults, "WEB_CONCURRENCY": 8, "WEB_THREADS": 12})
    assert "96 web" in warning.msg and "= 104" in warning.msg and "leaves 97" in warning.msg
    assert _budget_warnings(**{**defaults, "WORKER_REPLICAS": 40, "DB_MAX_CONNECTIONS": 100})
    assert not _budget_warnings(
        **{**defaults, "WEB_CONCURRENCY": 8, "WEB_THREADS": 12, "DB_MAX_CONNECTIONS": 200}
    )
