"""DATA_RELEASE_DAY_OF_MONTH: the monthly release's day, 0 for none, refused past the 28th."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRINT_SCHEDULE = (
    "import django; django.setup(); from django.conf import settings; "
    "entry = settings.CELERY_BEAT_SCHEDULE.get('make-data-release'); "
    "print(entry and sorted(entry['schedule'].day_of_month))"
)


def run(day: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "CELERY_BROKER_URL"}}
    return subprocess.run(
        [sys.executable, "-c", PRINT_SCHEDULE],
        cwd=ROOT,
        env={
            **clean,
            "DJANGO_SETTINGS_MODULE": "ogptracker.settings",
            "DATA_RELEASE_DAY_OF_MONTH": day,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(("day", "printed"), [("", "[1]"), ("15", "[15]"), ("0", "None")])
def test_the_monthly_release_day_comes_from_the_environment(day, printed):
    result = run(day)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == printed


def test_a_day_the_shortest_month_lacks_is_refused_naming_the_variable():
    result = run("31")
    assert result.returncode != 0
    assert "DATA_RELEASE_DAY_OF_MONTH" in result.stderr.splitlines()[-1]
