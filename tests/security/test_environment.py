"""Configuration comes from the environment; a bad value stops start-up naming the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_check(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CELERY_BROKER_URL"}}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DATABASE_URL": "mysql://root@localhost/ogp"}, "DATABASE_URL"),
        ({"CELERY_BROKER_URL": "http://broker"}, "CELERY_BROKER_URL"),
        ({"CACHE_URL": "memcached://127.0.0.1"}, "CACHE_URL"),
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"LANGUAGE_CODE": "fr"}, "LANGUAGE_CODE"),
        ({"EVIDENCE_MAX_BYTES": "ten megabytes"}, "EVIDENCE_MAX_BYTES"),
        ({"DEBUG": "0", "SECRET_KEY": ""}, "SECRET_KEY"),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(env, named):
    result = run_check(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert named in result.stderr.splitlines()[-1]


def test_the_embedded_default_needs_no_configuration():
    result = run_check()
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
