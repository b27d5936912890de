"""For the web app's view tests (their data is the `world` fixture of tests/conftest.py)."""

from __future__ import annotations

import datetime

import pytest

from tests.factories import ActionPlanFactory, MemberFactory
from tests.world import build_reported_plan

# The smallest valid files of each kind, recognised by their content.
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7V\xbd\xfa\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# A plan as most of OGP's current sheet gives them, without a title: named by its member, number
# and years (ActionPlan.__str__).
UNTITLED_PLAN_NAME = "Kenya · plan 3 (2019-2021)"


@pytest.fixture
def untitled_plan(db):
    return ActionPlanFactory(
        member=MemberFactory(code="KEN", name="Kenya", commitment_prefix="KE"),
        number=3,
        title="",
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2021, 6, 30),
    )


@pytest.fixture
def reported_plan(db):
    """A plan of two commitments with an IRM progress report (2013) and an end-of-term report
    known only by its year (2015): both course charts mark two publications."""
    plan, first, _second = build_reported_plan()
    return plan, first
