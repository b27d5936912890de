"""Hardened deployment: check --deploy is clean with production settings, start-up checks refuse an
unsafe production, and every response carries the security headers (CSP without inline script)."""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import run_checks
from django.test import override_settings

from tests import factories

ROOT = Path(__file__).resolve().parents[2]


def _production_env(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "CACHE_URL", "CELERY_BROKER_URL"}
    }
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="example.org",
        CACHE_URL="redis://127.0.0.1:6379/7",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        DJANGO_SETTINGS_MODULE="ogptracker.settings",
    )
    env.update(extra)
    return env


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=_production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_with_in_process_cache_does_not_start():
    env = _production_env()
    env.pop("CACHE_URL")
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "ogptracker.E001" in result.stderr


def test_production_without_a_broker_does_not_start():
    env = _production_env()
    env.pop("CELERY_BROKER_URL")
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "ogptracker.E004" in result.stderr


def test_production_settings_values():
    # The values read at import time from DEBUG, in a fresh interpreter with production env.
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ['SECURE_HSTS_SECONDS', "
        "'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE', "
        "'CSRF_COOKIE_SECURE', 'SECURE_CONTENT_TYPE_NOSNIFF', 'SECURE_SSL_REDIRECT', "
        "'X_FRAME_OPTIONS', 'SECURE_REFERRER_POLICY']}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values == {
        "SECURE_HSTS_SECONDS": 31536000,
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SECURE": True,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_SSL_REDIRECT": True,
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_REFERRER_POLICY": "same-origin",
    }


def _ids(**overrides) -> set[str]:
    with override_settings(**overrides):
        return {message.id for message in run_checks()}


def test_start_up_checks_refuse_unsafe_production():
    redis = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://x/7"}}
    locmem = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    no_throttle = {"DEFAULT_THROTTLE_CLASSES": [], "DEFAULT_THROTTLE_RATES": {}}
    assert "ogptracker.E001" in _ids(DEBUG=False, CACHES=locmem)
    assert "ogptracker.E001" not in _ids(DEBUG=False, CACHES=redis)
    assert "ogptracker.E001" not in _ids(DEBUG=True, CACHES=locmem)
    assert "ogptracker.E002" in _ids(DEBUG=False, CACHES=redis, REST_FRAMEWORK=no_throttle)
    assert "ogptracker.E003" in _ids(DEBUG=False, CACHES=redis, AXES_ENABLED=False)
    assert not {"ogptracker.E002", "ogptracker.E003"} & _ids(DEBUG=False, CACHES=redis)


# JSON-LD data blocks (/data/) are data, never run, and not subject to script-src: not scripts.
INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\b(?:src=|type=\"application/ld\+json\"))[^>]*>", re.IGNORECASE
)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def _csp_directives(header: str) -> dict[str, set[str]]:
    parts = [part.split() for part in header.split(";") if part.strip()]
    return {part[0]: set(part[1:]) for part in parts}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/", "/accounts/login/", "/admin/login/", "/api/docs/", "/api/v1/", "/commitments/{ogp_id}/"],
)
def test_csp_allows_no_inline_or_eval_in_scripts_or_styles(client, path):
    # No page loosens style-src (Redoc, which needed inline styles, is gone).
    commitment = factories.CommitmentFactory()
    response = client.get(path.format(ogp_id=commitment.ogp_id))
    assert response.status_code == 200
    directives = _csp_directives(response["Content-Security-Policy"])
    for name in ("default-src", "script-src", "style-src"):
        assert directives.get(name) == {"'self'"}, (name, directives.get(name))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/", "/accounts/login/", "/admin/login/", "/api/docs/", "/commitments/{ogp_id}/", "/data/"],
)
def test_pages_have_security_headers_and_no_inline_script(client, path):
    commitment = factories.CommitmentFactory()
    response = client.get(path.format(ogp_id=commitment.ogp_id))
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    html = response.content.decode()
    assert not INLINE_SCRIPT.findall(html)
    assert not INLINE_HANDLER.findall(html)


@pytest.mark.django_db
@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_hsts_for_a_year_over_https(client):
    response = client.get("/accounts/login/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


@pytest.mark.django_db
def test_uploaded_evidence_is_never_served_as_html(client):
    from django.core.files.base import ContentFile

    from commitments.models import StatusEvidence

    update = factories.StatusUpdateFactory()
    evidence = StatusEvidence.objects.create(
        status_update=update,
        file=ContentFile(b"<html><script>alert(1)</script>", name="x.html"),
        original_name="x.html",
        content_type="text/html",  # as if a bad row slipped in: served as bytes anyway
    )
    response = client.get(f"/evidence/{evidence.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert "sandbox" in response["Content-Security-Policy"]
