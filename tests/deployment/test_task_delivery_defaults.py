"""Every task of the project is acknowledged late and handed out again when its worker is lost, as
Celery resolves each task, from the one declaration in settings.py (CELERY_TASK_ACKS_LATE,
CELERY_TASK_REJECT_ON_WORKER_LOST); no task restates or overrides it (issue 14)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from celery import Task
from django.apps import apps
from django.conf import settings

from ogptracker.celery import app


def project_app_labels() -> set[str]:
    """Our apps: those living in the repository (a virtualenv inside it holds the others)."""
    base = Path(settings.BASE_DIR).resolve()
    return {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base)
        and "site-packages" not in Path(config.path).parts
    }


def project_tasks() -> dict[str, Task]:
    app.loader.import_default_modules()
    labels = project_app_labels()
    return {name: task for name, task in app.tasks.items() if name.split(".", 1)[0] in labels}


def test_every_app_with_a_tasks_module_has_its_tasks_checked():
    # Guards the test below against passing on an empty or partial list.
    names = project_tasks()
    assert project_app_labels() == {"commitments", "reviews", "releases", "questions", "ogptracker"}
    for label in project_app_labels():
        if importlib.util.find_spec(f"{label}.tasks"):
            assert any(name.startswith(f"{label}.tasks.") for name in names), label
    assert "ogptracker.remove_stale_uploads" in names


def test_every_project_task_is_acknowledged_late_and_requeued_when_its_worker_is_lost():
    for name, task in project_tasks().items():
        assert task.acks_late is True, name
        assert task.reject_on_worker_lost is True, name


def test_no_project_task_keeps_a_result():
    # There is no result backend (CELERY_RESULT_BACKEND = None); CELERY_TASK_IGNORE_RESULT says so
    # for every task at once.
    for name, task in project_tasks().items():
        assert task.ignore_result is True, name
