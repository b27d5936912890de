"""While a long sheet is checked or imported, the run's admin page shows the rows read so far (every
500 rows: tests/importer/test_import_progress.py; every 5 here, so that the sheet is short); before
the work starts and once it has finished, the count the run has recorded."""

from __future__ import annotations

import pytest

from reviews.importers import runs, writer
from reviews.models import ImportRun
from tests import factories
from tests.admin.test_import_run_lifecycle import confirm, send, shown, view
from tests.importer.test_query_count import synthetic_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]


def test_the_rows_read_are_shown_while_a_long_sheet_is_checked_then_imported(
    client, tmp_path, django_capture_on_commit_callbacks, monkeypatch
):
    client.force_login(factories.make_plan_admin(username="planner"))
    seen: list[tuple[str, str]] = []
    importer = runs.import_ogp_irm

    def reload_the_page_as_rows_are_read(*, progress, **kwargs):
        def progress_then_look(rows: int) -> None:
            progress(rows)
            page = view(client, ImportRun.objects.get())
            seen.append((shown(page, "state"), shown(page, "progress")))

        # The file is read once per site language; the last reading (the one that writes) reports
        # the rows.
        return importer(progress=progress_then_look if progress else None, **kwargs)

    monkeypatch.setattr(runs, "import_ogp_irm", reload_the_page_as_rows_are_read)
    monkeypatch.setattr(writer, "PROGRESS_EVERY", 5)

    with django_capture_on_commit_callbacks(execute=False) as check:
        send(client, synthetic_file(tmp_path, "Chile", 6).read_bytes(), name="chile.csv")
    run = ImportRun.objects.get()
    page = view(client, run)
    assert (shown(page, "state"), shown(page, "progress")) == ("Being checked", "0")
    assert "Working in the background" in page

    check[0]()
    assert seen == [("Being checked", "5")]
    assert shown(view(client, run), "progress") == "6"

    with django_capture_on_commit_callbacks(execute=False) as start:
        confirm(client, run)
    # Confirmed, not started yet: the count the check read.
    assert (shown(view(client, run), "state"), shown(view(client, run), "progress")) == (
        "Importing",
        "6",
    )
    start[0]()
    assert seen[1:] == [("Importing", "5")]
    page = view(client, run)
    assert (shown(page, "state"), shown(page, "progress")) == ("Imported", "6")
