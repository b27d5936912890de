"""The Celery app. Tasks live in each app's tasks.py; settings come from Django's (CELERY_*)."""

import os
from pathlib import Path

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ogptracker.settings")

app = Celery("ogptracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="ogptracker.remove_stale_uploads")
def remove_stale_uploads() -> int:
    """Hourly (beat): upload files left behind by crashed requests (ogptracker/uploads.py)."""
    from django.conf import settings

    from ogptracker.uploads import remove_stale_uploads as remove

    return remove(
        Path(settings.FILE_UPLOAD_TEMP_DIR), older_than_hours=settings.UPLOAD_TEMP_MAX_AGE_HOURS
    )
