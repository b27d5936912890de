"""The folder where request bodies too large for memory are spooled while they are read.

Django writes each uploaded file above FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file and deletes it
when the request ends; a process killed mid-upload (a crash, the gunicorn timeout, OOM) leaves it
behind. So uploads get their own folder, on a size-bounded tmpfs in docker-compose.yml, and
whatever is older than UPLOAD_TEMP_MAX_AGE_HOURS there is removed when gunicorn starts
(ogptracker/gunicorn.conf.py) and every hour by beat.

No Django import here: gunicorn's master process calls this before Django is loaded.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

DEFAULT_MAX_AGE_HOURS = 6


def upload_temp_dir() -> Path:
    """UPLOAD_TEMP_DIR, or ogptracker-uploads in the system's temporary folder."""
    configured = os.environ.get("UPLOAD_TEMP_DIR", "").strip()
    return Path(configured) if configured else Path(tempfile.gettempdir()) / "ogptracker-uploads"


def max_age_hours() -> float:
    raw = os.environ.get("UPLOAD_TEMP_MAX_AGE_HOURS", "").strip()
    return float(raw) if raw else DEFAULT_MAX_AGE_HOURS


def remove_stale_uploads(
    folder: Path | None = None, *, older_than_hours: float | None = None, now: float | None = None
) -> int:
    """Delete the files in the upload folder not modified for `older_than_hours`; creates the
    folder if it is missing. Returns how many files were removed. A file being written now is
    younger than that, so it stays."""
    folder = folder or upload_temp_dir()
    hours = max_age_hours() if older_than_hours is None else older_than_hours
    cutoff = (time.time() if now is None else now) - hours * 3600
    folder.mkdir(parents=True, exist_ok=True)
    removed = 0
    for entry in os.scandir(folder):
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                os.unlink(entry.path)
                removed += 1
        except FileNotFoundError:  # finished (and deleted) by its request meanwhile
            continue
    return removed
