"""An import reads the sheet once per site language and writes only in the last reading; the rows
read shown on the run's admin page follow that reading, the one the administrator is waiting for,
not an earlier one that has already finished."""

from __future__ import annotations

import pytest

from reviews.importers import runs, writer
from reviews.models import ImportRun
from tests import factories
from tests.admin.test_import_run_lifecycle import confirm, send, shown, view
from tests.importer.test_query_count import synthetic_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]


def test_the_rows_read_are_reported_while_the_import_writes(
    client, tmp_path, django_capture_on_commit_callbacks, monkeypatch
):
    client.force_login(factories.make_plan_admin(username="planner"))
    readings: list[tuple[bool, list[str]]] = []
    importer = runs.import_ogp_irm

    def note_each_reading(*, progress, dry_run, **kwargs):
        shown_while_reading: list[str] = []
        readings.append((dry_run, shown_while_reading))

        def progress_then_look(rows: int) -> None:
            progress(rows)
            shown_while_reading.append(shown(view(client, ImportRun.objects.get()), "progress"))

        return importer(
            progress=progress_then_look if progress else None, dry_run=dry_run, **kwargs
        )

    monkeypatch.setattr(runs, "import_ogp_irm", note_each_reading)
    monkeypatch.setattr(writer, "PROGRESS_EVERY", 5)

    with django_capture_on_commit_callbacks(execute=False) as check:
        send(client, synthetic_file(tmp_path, "Chile", 6).read_bytes(), name="chile.csv")
    check[0]()
    run = ImportRun.objects.get()
    with django_capture_on_commit_callbacks(execute=False) as start:
        confirm(client, run)
    readings.clear()
    start[0]()

    # One reading per language; only the last writes, and only it reports its rows.
    assert [dry_run for dry_run, _shown in readings] == [True, False]
    assert [shown_while for _dry_run, shown_while in readings] == [[], ["5"]]
    assert shown(view(client, run), "state") == "Imported"
