"""A plan administrator imports an OGP sheet from the admin: upload, read the check (nothing
written), confirm, and the report stays readable. The same importer as the command."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from commitments.models import Commitment
from reviews.models import ImportRun
from tests import factories
from tests.importer.conftest import explorer_rows, write_csv

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]


def peru_csv(tmp_path, edit=None) -> bytes:
    """Peru's first six Explorer rows (file rows 3-8), `edit(names, rows)` applied: enough for
    what an upload shows, at an eighth of the cost of its 48 (every importer mutant runs these)."""
    numbers, names, rows = explorer_rows()
    peru = [r for r in rows if r[0] == "Peru"][:6]
    if edit:
        edit(names, peru)
    return write_csv(tmp_path / "peru.csv", [numbers, names, *peru]).read_bytes()


def upload(client, content: bytes, name: str = "peru.csv"):
    return client.post(
        "/admin/reviews/importrun/add/",
        {"file": SimpleUploadedFile(name, content, content_type="text/csv")},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_upload_checks_then_confirm_imports(client, tmp_path, django_capture_on_commit_callbacks):
    client.force_login(factories.make_plan_admin(username="planner"))
    form = client.get("/admin/reviews/importrun/add/").content.decode()
    assert 'type="file"' in form and 'name="_save"' in form

    def unknown_label(names, rows):
        rows[3][names.index("Specificity")] = "d. very high"

    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, peru_csv(tmp_path, unknown_label))

    assert response.status_code == 200
    run = ImportRun.objects.get()
    assert run.state == ImportRun.State.CHECKED and Commitment.objects.count() == 0
    page = client.get(
        f"/admin/reviews/importrun/{run.pk}/change/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "commitments: 6 created" in page
    assert "unknown label “d. very high”" in page and "6 (Peru 1 1:D)" in page
    assert "Confirm and import" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/reviews/importrun/{run.pk}/change/", {"_confirm_import": "1"})

    run.refresh_from_db()
    assert run.state == ImportRun.State.IMPORTED and run.rows_read == 6
    assert Commitment.objects.count() == 6
    assert "commitments: 6 created" in run.import_reports["en"]
    # The report stays readable; a second confirmation is refused.
    page = client.get(
        f"/admin/reviews/importrun/{run.pk}/change/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Confirm and import" not in page and "commitments: 6 created" in page


def test_an_unreadable_sheet_is_refused_with_every_problem_and_nothing_written(
    client, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(factories.make_plan_admin(username="planner"))

    def break_rows(names, rows):
        rows[2] = rows[2][:20]
        rows[5][names.index("Action Plan Number")] = "two"

    with django_capture_on_commit_callbacks(execute=True):
        upload(client, peru_csv(tmp_path, break_rows))

    run = ImportRun.objects.get()
    assert run.state == ImportRun.State.REFUSED
    assert "row 5" in run.check_reports["en"] and "row 8" in run.check_reports["en"]
    assert Commitment.objects.count() == 0


def test_only_csv_files_and_only_plan_administrators(client, tmp_path):
    client.force_login(factories.make_plan_admin(username="planner"))
    response = upload(client, b"%PDF-1.4", name="plan.pdf")
    assert "Upload the sheet as a .csv file" in response.content.decode()
    assert ImportRun.objects.count() == 0

    client.force_login(factories.make_editor(username="editor"))
    assert client.get("/admin/reviews/importrun/add/").status_code in (302, 403)
