"""Helpers for the security tests: the settings a production deployment computes."""

from __future__ import annotations

import os
import runpy
import sys
from collections.abc import Iterator
from unittest import mock

import pytest
from django.test import Client, override_settings

# What SecurityMiddleware, the session and the CSRF cookie read; the rest stays the tests' own.
PRODUCTION_NAMES = (
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
)


def production_values(**env: str) -> dict:
    """The settings module as it runs with DEBUG off and nothing else set but `env`: the file
    itself is read again, so a changed default there shows here."""
    path = sys.modules[os.environ["DJANGO_SETTINGS_MODULE"]].__file__
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "BEHIND_PROXY"}}
    production = {"DEBUG": "0", "SECRET_KEY": "a-production-secret-key-for-the-tests", **env}
    with mock.patch.dict(os.environ, {**clean, **production}, clear=True):
        return runpy.run_path(path)


@pytest.fixture
def production_client() -> Iterator:
    """production_client(**env): a test client under production's security settings."""
    overrides: list[override_settings] = []

    def make(**env: str) -> Client:
        values = production_values(**env)
        override = override_settings(**{name: values[name] for name in PRODUCTION_NAMES})
        override.enable()
        overrides.append(override)
        return Client()  # its middleware is built at its first request, under the override

    yield make
    for override in reversed(overrides):
        override.disable()
