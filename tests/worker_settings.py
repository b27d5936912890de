"""Settings for the Celery workers the integration tests start (tests/integration/conftest.py):
production settings plus the two knobs only a test needs, which therefore never reach production
(and never the image: .dockerignore leaves tests/ out).

- TEST_SNAPSHOT_RECOMPUTE_PAUSE_MS: a pause after each grouping of a recompute, so a test can kill
  the worker half-way.
- TEST_CELERY_VISIBILITY_TIMEOUT: seconds before Redis hands an unacknowledged task to another
  worker (production: at least 300), so the killed worker's task comes back within the test.
"""

import os

from ogptracker.settings import *  # noqa: F403

SNAPSHOT_RECOMPUTE_PAUSE_MS = int(os.environ.get("TEST_SNAPSHOT_RECOMPUTE_PAUSE_MS", "0"))

if os.environ.get("TEST_CELERY_VISIBILITY_TIMEOUT"):
    CELERY_BROKER_VISIBILITY_TIMEOUT = int(os.environ["TEST_CELERY_VISIBILITY_TIMEOUT"])
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_BROKER_VISIBILITY_TIMEOUT}
    CELERY_TASK_SOFT_TIME_LIMIT = CELERY_BROKER_VISIBILITY_TIMEOUT // 3
    CELERY_TASK_TIME_LIMIT = CELERY_BROKER_VISIBILITY_TIMEOUT // 2
