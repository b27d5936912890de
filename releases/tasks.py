"""The scheduled data release (settings.DATA_RELEASE_DAY_OF_MONTH). Safe to run twice: one per date."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone


@shared_task
def make_data_release() -> str:
    """Today's release, made unless it exists. Returns its date."""
    from .services import publish_data_release

    return publish_data_release(on=timezone.localdate(), by=None).date.isoformat()
