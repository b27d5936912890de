"""Uploads too large for memory are spooled to a folder of their own, and files a crashed request
left there are removed: when gunicorn starts and every hour (issue 13, item 3)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import TemporaryUploadedFile

from ogptracker import celery as celery_module
from ogptracker.uploads import remove_stale_uploads, upload_temp_dir

ROOT = Path(__file__).resolve().parents[2]


def _aged(path: Path, hours: float) -> Path:
    path.write_bytes(b"x" * 10)
    then = time.time() - hours * 3600
    os.utime(path, (then, then))
    return path


def test_large_uploads_are_spooled_to_the_dedicated_folder():
    assert Path(settings.FILE_UPLOAD_TEMP_DIR) == upload_temp_dir()
    assert upload_temp_dir().name == "ogptracker-uploads"
    upload = TemporaryUploadedFile("informe.pdf", "application/pdf", 10, None)
    try:
        assert Path(upload.temporary_file_path()).parent == upload_temp_dir()
    finally:
        upload.close()


def test_leftovers_older_than_the_limit_are_removed_and_current_uploads_stay(tmp_path):
    folder = tmp_path / "uploads"
    assert remove_stale_uploads(folder, older_than_hours=6) == 0  # made when missing
    crashed = _aged(folder / "tmpa1b2.upload.pdf", hours=7)
    current = _aged(folder / "tmpc3d4.upload.pdf", hours=0.1)
    (folder / "a-folder").mkdir()

    assert remove_stale_uploads(folder, older_than_hours=6) == 1

    assert not crashed.exists()
    assert current.exists() and (folder / "a-folder").is_dir()


def test_gunicorn_clears_leftovers_when_it_starts(tmp_path, monkeypatch):
    monkeypatch.setenv("UPLOAD_TEMP_DIR", str(tmp_path))
    crashed = _aged(tmp_path / "tmpe5f6.upload.csv", hours=30)
    config = ROOT / "ogptracker" / "gunicorn.conf.py"
    namespace: dict = {"__file__": str(config)}
    exec(compile(config.read_text(), str(config), "exec"), namespace)

    namespace["on_starting"](None)

    assert not crashed.exists()


def test_beat_clears_leftovers_every_hour(tmp_path, settings):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    crashed = _aged(tmp_path / "tmpg7h8.upload.xlsx", hours=settings.UPLOAD_TEMP_MAX_AGE_HOURS + 1)
    entry = settings.CELERY_BEAT_SCHEDULE["remove-stale-uploads"]
    assert entry["task"] == celery_module.remove_stale_uploads.name
    assert entry["schedule"].minute == {40}  # once an hour

    assert celery_module.remove_stale_uploads.apply().get() == 1
    assert not crashed.exists()
