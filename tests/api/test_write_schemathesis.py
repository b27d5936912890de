"""Schemathesis over the write endpoints, authenticated with a token that may write everything
they cover: no server error, every status and body as documented, and invalid input refused."""

from __future__ import annotations

import itertools

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.config import SchemathesisConfig

from commitments.models import Milestone, Profile
from commitments.roles import PLAN_ADMIN, RESEARCHER
from reviews.models import Assessment, IRMReport
from tests import factories

pytestmark = pytest.mark.django_db

WRITE_PATHS = (
    r"^/api/v1/(milestones|draft-assessments|commitments/\{ogp_id\}/(status-updates|changes))/"
)
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            # Schema-valid data may still be refused by a rule the schema cannot say (a date in
            # the future, a met date without a met status, a stale If-Match, a page past the end).
            "positive_data_acceptance": {"expected-statuses": ["2xx", "400", "404", "412", "428"]}
        }
    }
)
schema = schemathesis.openapi.from_wsgi(
    "/api/schema/?format=json", WSGIHandler(), config=CONFIG
).include(path_regex=WRITE_PATHS)


@pytest.fixture
def writable(db) -> dict:
    """One user who may do every write covered: editor of a monitoring organisation, plan
    administrator, researcher assigned to a draft report."""
    user = factories.make_editor(username="integration")
    for name in (PLAN_ADMIN, RESEARCHER):
        user.groups.add(factories.Group.objects.get(name=name))
    commitment = factories.CommitmentFactory(ogp_id="PE0001")
    commitment.monitoring_organizations.add(Profile.objects.get(user=user).organization)
    milestone = factories.MilestoneFactory(commitment=commitment)
    report = factories.IRMReportFactory(
        action_plan=commitment.action_plan, state=IRMReport.State.DRAFT
    )
    report.researchers.add(user)
    assessment = factories.AssessmentFactory(report=report, commitment=commitment)
    return {
        "token": Token.objects.create(user=user).key,
        "ogp_id": commitment.ogp_id,
        "milestone": milestone.pk,
        "assessment": assessment.pk,
    }


@pytest.fixture(autouse=True)
def _one_transaction():
    # In-process requests must stay inside the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


_turn = itertools.count()


def _current_etag(path: str, pk: object) -> str | None:
    model = Milestone if path.startswith("/api/v1/milestones/") else Assessment
    version = model.objects.filter(pk=pk).values_list("version", flat=True).first()
    if version is None:
        return None
    return f'"{model._meta.model_name}-{pk}-v{version}"'


@schema.parametrize()
@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_write_api_conforms_to_its_schema_with_a_token(case, writable):
    # Aim at records that exist most of the time; the generated ids still test the 404s.
    turn = next(_turn)
    if case.path_parameters and turn % 4:
        if "ogp_id" in case.path_parameters:
            case.path_parameters["ogp_id"] = writable["ogp_id"]
        elif "pk" in case.path_parameters:
            is_milestone = case.path.startswith("/api/v1/milestones/")
            case.path_parameters["pk"] = writable["milestone" if is_milestone else "assessment"]
            if case.method == "PATCH" and turn % 2:
                etag = _current_etag(case.path, case.path_parameters["pk"])
                if etag:
                    case.headers = {**(case.headers or {}), "If-Match": etag}
    # The token goes in as the caller's own header, not into the generated case: schemathesis then
    # knows it is real, and its ignored-auth check still proves a request without it is refused.
    case.call_and_validate(headers={"Authorization": f"Token {writable['token']}"})
