"""Fixtures for the trust suite (versioning, audit, write API, deployment hardening)."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests import factories


@pytest.fixture
def token_client():
    """An APIClient authenticated with `user`'s per-user token, as an integration would be."""

    def make(user) -> APIClient:
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def commitment(db):
    return factories.CommitmentFactory()


@pytest.fixture
def live_roles(transactional_db):
    """The role groups, recreated: a transactional test's flush removes what migrations created."""
    from ogptracker.roles import sync_roles

    sync_roles()
