"""Property-based run over the whole OpenAPI schema, in-process against the WSGI app.

Schemathesis generates valid and invalid requests for every operation in /api/schema/ and checks
that none gives a server error, that every status code and body matches the schema, and that
invalid input is rejected. One allowance: a well-formed code that names nothing (member=ABC) is a
400 by design ("unknown filter values get a 400"), which the schema cannot express, so 400 counts
as an accepted answer to schema-valid data.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

pytestmark = [pytest.mark.django_db, pytest.mark.world("peru")]


CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2xx", "3xx", "400", "401", "403", "404", "429"]
            }
        }
    }
)
# Loaded when the module is collected: serving the schema needs no database.
# (schemathesis.pytest.from_fixture does not work with pytest 9 yet.)
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", WSGIHandler(), config=CONFIG)


@pytest.fixture(autouse=True)
def _data_and_one_transaction(world, history_world):
    """Rows to find, and the test's database transaction kept open across in-process requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case):
    case.call_and_validate()
