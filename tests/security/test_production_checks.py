"""Production refuses to start half-configured, and carries no test-only knobs (issue 13, item 17):
behind a proxy it must say how many proxies to trust; the visibility timeout cannot be shortened to
a test's value; the file email backend exists only in the tests' worker settings."""

from __future__ import annotations

from django.core.checks import run_checks
from django.test import override_settings

from tests.deployment.test_deployment import _manage, _production_env


def _ids(**overrides) -> set[str]:
    redis = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://x/7"}}
    with override_settings(DEBUG=False, CACHES=redis, **overrides):
        return {message.id for message in run_checks()}


def test_behind_a_proxy_without_trusted_proxies_does_not_start():
    forwarded = ("HTTP_X_FORWARDED_PROTO", "https")
    assert "ogptracker.E005" in _ids(SECURE_PROXY_SSL_HEADER=forwarded, NUM_PROXIES=0)
    assert "ogptracker.E005" not in _ids(SECURE_PROXY_SSL_HEADER=forwarded, NUM_PROXIES=1)
    assert "ogptracker.E005" not in _ids(SECURE_PROXY_SSL_HEADER=None, NUM_PROXIES=0)


def test_check_deploy_refuses_the_compose_shape_without_num_proxies():
    result = _manage("check", "--deploy", env=_production_env(BEHIND_PROXY="1", NUM_PROXIES="0"))
    assert result.returncode != 0
    assert "ogptracker.E005" in result.stderr
    result = _manage("check", "--deploy", env=_production_env(BEHIND_PROXY="1", NUM_PROXIES="1"))
    assert result.returncode == 0, result.stderr


def test_production_settings_carry_no_test_only_knobs():
    from ogptracker import settings as production

    assert not hasattr(production, "EMAIL_FILE_PATH")
    result = _manage("check", env=_production_env(CELERY_VISIBILITY_TIMEOUT="30"))
    assert result.returncode != 0
    assert "CELERY_VISIBILITY_TIMEOUT must be at least 300" in result.stderr
