"""The database connection dropped in the middle of a request: that request fails cleanly (a 500
page, no hang), and the next one succeeds on a new connection. PostgreSQL only (CI)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test import RequestFactory

from tests import factories
from tests.conftest import REQUIRE_SERVICES

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def _postgresql(transactional_db, live_roles) -> None:
    if connection.vendor != "postgresql":
        message = "Dropping a database connection needs PostgreSQL: set DATABASE_URL."
        if REQUIRE_SERVICES:
            pytest.fail(message)
        pytest.skip(message)


def _terminate(pid: int) -> None:
    """Kill one backend from a separate connection, as a database restart or a proxy would."""
    import psycopg2

    params = connection.get_connection_params()
    other = psycopg2.connect(**params)
    try:
        other.autocommit = True
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()


def _serve(path: str) -> tuple[int, bytes]:
    """One request through Django's real WSGI handler, request_started/finished signals included
    (the test client turns off the connection housekeeping they do)."""
    environ = RequestFactory().get(path).environ
    status: dict[str, str] = {}

    def start_response(line: str, headers: list, exc_info: Any = None) -> None:
        status["line"] = line

    response = WSGIHandler()(environ, start_response)
    try:
        body = b"".join(response)
    finally:
        response.close()  # sends request_finished
    return int(status["line"].split()[0]), body


def test_connection_dropped_mid_request_fails_that_request_cleanly_then_recovers():
    commitment = factories.CommitmentFactory()
    factories.MilestoneFactory(commitment=commitment)
    path = f"/commitments/{commitment.ogp_id}/"
    assert _serve(path)[0] == 200
    queries = {"n": 0}

    def drop_on_second_query(execute, sql, params, many, context):
        queries["n"] += 1
        if queries["n"] == 2:
            _terminate(context["connection"].connection.get_backend_pid())
        return execute(sql, params, many, context)

    started = time.monotonic()
    with connection.execute_wrapper(drop_on_second_query):
        status, body = _serve(path)
    assert status == 500
    assert b"Traceback" not in body  # a clean error page, never a debug page
    assert time.monotonic() - started < 10

    status, body = _serve(path)
    assert status == 200
    assert commitment.ogp_id.encode() in body


def test_connection_dropped_between_requests_is_replaced_without_an_error():
    commitment = factories.CommitmentFactory()
    path = f"/commitments/{commitment.ogp_id}/"
    assert _serve(path)[0] == 200
    connection.ensure_connection()
    _terminate(connection.connection.get_backend_pid())
    # CONN_HEALTH_CHECKS: the persistent connection is checked before reuse and replaced.
    assert _serve(path)[0] == 200
