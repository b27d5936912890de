"""Two Explorer exports joined into one upload, the second with another header, through the admin
as a plan administrator does it: a column added is refused at the check with the row and the
column named, in both languages, and nothing is written; the same columns in another order are
checked with a warning and imported read by name."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from commitments.models import Commitment
from reviews.models import ImportRun
from tests import factories
from tests.importer.conftest import explorer_rows, write_csv

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]


def joined(tmp_path, second_names, move=lambda row: row) -> bytes:
    numbers, names, rows = explorer_rows()
    peru = [r for r in rows if r[0] == "Peru"][:2]
    chile = [move(r) for r in rows if r[0] == "Chile"][:2]
    numbers_again = [str(i) for i in range(len(second_names))]  # its own column numbers
    return write_csv(
        tmp_path / "joined.csv", [numbers, names, *peru, numbers_again, second_names, *chile]
    ).read_bytes()


def upload(client, content: bytes, django_capture_on_commit_callbacks) -> ImportRun:
    client.force_login(factories.make_plan_admin(username="planner"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/reviews/importrun/add/",
            {"file": SimpleUploadedFile("joined.csv", content, content_type="text/csv")},
            follow=True,
            HTTP_ACCEPT_LANGUAGE="en",
        )
    assert response.status_code == 200
    return ImportRun.objects.get()


def test_a_joined_export_with_a_column_added_is_refused_naming_row_and_column(
    client, tmp_path, django_capture_on_commit_callbacks
):
    _numbers, names, _rows = explorer_rows()

    run = upload(
        client,
        joined(tmp_path, [*names, "IRM researcher"], lambda r: [*r, "Ana"]),
        django_capture_on_commit_callbacks,
    )

    assert run.state == ImportRun.State.REFUSED
    assert (
        "row 6: the header again, but not the same as the one on row 2: “IRM researcher” added"
        in run.check_reports["en"]
    )
    assert (
        "fila 6: la cabecera otra vez, pero no la misma que la de la fila 2: “IRM researcher” "
        "añadida" in run.check_reports["es"]
    )
    assert Commitment.objects.count() == 0


def test_a_joined_export_with_its_columns_moved_is_imported_by_name(
    client, tmp_path, django_capture_on_commit_callbacks
):
    _numbers, names, _rows = explorer_rows()
    order = [5, *range(5), *range(6, len(names))]  # the title first

    run = upload(
        client,
        joined(tmp_path, [names[i] for i in order], lambda r: [r[i] for i in order]),
        django_capture_on_commit_callbacks,
    )
    assert run.state == ImportRun.State.CHECKED
    page = client.get(
        f"/admin/reviews/importrun/{run.pk}/change/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "the header again, with its columns in another order" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/reviews/importrun/{run.pk}/change/", {"_confirm_import": "1"})

    run.refresh_from_db()
    assert run.state == ImportRun.State.IMPORTED
    assert Commitment.objects.filter(action_plan__member__code="CHL").count() == 2
