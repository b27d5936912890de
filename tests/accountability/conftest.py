"""Fixtures for the accountability tests (indicators, proposals, warnings)."""

from __future__ import annotations

import pytest

from commitments.models import Organization
from tests import factories


@pytest.fixture
def civil_society_org(db) -> Organization:
    return factories.OrganizationFactory(kind=Organization.Kind.CIVIL_SOCIETY)
