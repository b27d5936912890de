"""An import's report in Spanish agrees with every kind of record: until 8 December each line said
"<kind>: N creados, N actualizados", so the admin read "áreas de política: 15 creados",
"evaluaciones: 30 creados" and "organizaciones ... actualizados, por campo". The counts now follow
their own nouns ("altas", "actualizaciones", "sin cambios"), whatever the kind's gender."""

from __future__ import annotations

import pytest

from reviews.models import ImportRun
from tests import factories
from tests.admin.test_import_run_lifecycle import confirm, send, shown, view
from tests.admin.test_import_upload import peru_csv

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]


def _retitle_first(names, rows):
    rows[0][names.index("Commitment Title")] = "Un título nuevo"


def test_spanish_import_report_counts_agree_with_feminine_kinds(
    client, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(factories.make_plan_admin(username="planner"))
    with django_capture_on_commit_callbacks(execute=True):  # each step runs on commit
        send(client, peru_csv(tmp_path), language="es")
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, ImportRun.objects.get(), language="es")
    with django_capture_on_commit_callbacks(execute=True):
        send(client, peru_csv(tmp_path, _retitle_first), name="peru2.csv", language="es")

    first = shown(view(client, ImportRun.objects.get(file_name="peru.csv"), "es"), "check_report")
    assert "<br>miembros: altas 1, actualizaciones 0, sin cambios 0<br>" in first
    assert "<br>evaluaciones: altas 6, actualizaciones 0, sin cambios 0" in first
    second = shown(view(client, ImportRun.objects.get(file_name="peru2.csv"), "es"), "check_report")
    assert "<br>compromisos, actualizaciones por campo: título 1 (" in second
    for report in (first, second):
        assert "creados" not in report and "actualizados" not in report
