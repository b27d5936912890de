"""Fixtures for the web app's view tests: a small plan with both tracks and every role."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AbstractBaseUser

from commitments.models import ActionPlan, Commitment, Organization
from reviews.models import IRMReport
from tests import factories

# The smallest valid files of each kind, recognised by their content.
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7V\xbd\xfa\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class World:
    plan: ActionPlan
    commitment: Commitment  # monitored by the editor's organisation
    other: Commitment  # monitored by nobody the editor works for
    civil: Organization
    editor: AbstractBaseUser
    researcher: AbstractBaseUser
    other_researcher: AbstractBaseUser
    plan_admin: AbstractBaseUser
    draft: IRMReport  # the researcher's draft report
    published: IRMReport


@pytest.fixture
def world(db) -> World:
    return build_world()


def build_world() -> World:
    """A plan with two commitments, an editor monitoring one, researchers, a draft and a published
    report. The role groups must exist (they do after migrations)."""
    plan = factories.ActionPlanFactory(
        title="Primer plan de acción",
        approval_date=datetime.date(2012, 4, 10),
        approval_instrument="Resolución Ministerial N° 085-2012-PCM",
    )
    civil = factories.OrganizationFactory(
        name="Proética", kind=Organization.Kind.CIVIL_SOCIETY, slug="proetica"
    )
    commitment = factories.CommitmentFactory(
        action_plan=plan, title="Portal de transparencia estándar", full_text="Promised text."
    )
    commitment.monitoring_organizations.add(civil)
    other = factories.CommitmentFactory(action_plan=plan, title="Ley de datos abiertos")
    factories.MilestoneFactory(commitment=commitment, due_date=datetime.date(2013, 6, 30))
    editor = factories.make_editor(civil, username="editor")
    researcher = factories.make_researcher(username="researcher")
    other_researcher = factories.make_researcher(username="researcher2")
    plan_admin = factories.make_plan_admin(username="planadmin")
    draft = factories.IRMReportFactory(
        action_plan=plan,
        kind=IRMReport.Kind.END_OF_TERM,
        state=IRMReport.State.DRAFT,
        published_on=None,
        title="Secret draft report",
    )
    draft.researchers.add(researcher)
    published = factories.IRMReportFactory(action_plan=plan, title="Progress report 2012-13")
    return World(
        plan=plan,
        commitment=commitment,
        other=other,
        civil=civil,
        editor=editor,
        researcher=researcher,
        other_researcher=other_researcher,
        plan_admin=plan_admin,
        draft=draft,
        published=published,
    )
