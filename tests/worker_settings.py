"""Settings for the Celery workers the integration tests start (tests/integration/conftest.py):
production settings plus the two knobs only a test needs, which therefore never reach production
(and never the image: .dockerignore leaves tests/ out).

- TEST_EMAIL_DIR: the worker writes the emails it sends into this folder (Django's file backend),
  so a test can read what a follower received.
- TEST_CELERY_VISIBILITY_TIMEOUT: seconds before Redis hands an unacknowledged task to another
  worker (production: at least 300), so the killed worker's task comes back within the test.
"""

import os

from ogptracker.settings import *  # noqa: F403

if os.environ.get("TEST_EMAIL_DIR"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["TEST_EMAIL_DIR"]

if os.environ.get("TEST_CELERY_VISIBILITY_TIMEOUT"):
    CELERY_BROKER_VISIBILITY_TIMEOUT = int(os.environ["TEST_CELERY_VISIBILITY_TIMEOUT"])
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_BROKER_VISIBILITY_TIMEOUT}
    CELERY_TASK_SOFT_TIME_LIMIT = CELERY_BROKER_VISIBILITY_TIMEOUT // 3
    CELERY_TASK_TIME_LIMIT = CELERY_BROKER_VISIBILITY_TIMEOUT // 2
