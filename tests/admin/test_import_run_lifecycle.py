"""What a plan administrator sees of an OGP sheet's import in the admin, from upload to the end:
the state, the format, the rows read and the reports (in the reader's language), who uploaded
and who confirmed; a confirmation refused unless the sheet is checked and waiting, and refused to
anyone but a plan administrator; a failed import recorded with its reason and nothing written."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from commitments.models import Commitment, Member
from reviews.models import ImportRun
from reviews.tasks import perform_import_run
from tests import factories
from tests.admin.test_import_upload import peru_csv
from tests.importer.test_query_count import synthetic_file

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]

ADD = "/admin/reviews/importrun/add/"
NOT_WAITING = "Only a checked sheet, not yet imported, can be imported."
CONFIRM_BUTTON = 'name="_confirm_import"'


def page_url(run: ImportRun) -> str:
    return f"/admin/reviews/importrun/{run.pk}/change/"


def send(client, content: bytes, name: str = "peru.csv", language: str = "en"):
    return client.post(
        ADD,
        {"file": SimpleUploadedFile(name, content, content_type="text/csv")},
        follow=True,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def confirm(client, run: ImportRun, language: str = "en"):
    return client.post(
        page_url(run), {"_confirm_import": "1"}, follow=True, HTTP_ACCEPT_LANGUAGE=language
    )


def view(client, run: ImportRun, language: str = "en") -> str:
    return client.get(page_url(run), HTTP_ACCEPT_LANGUAGE=language).content.decode()


def shown(page: str, field: str) -> str:
    """The text of one read-only field of the run's page, without links (<br> between a report's
    lines)."""
    found = re.search(rf'field-{field}">.*?<div class="readonly">(.*?)</div>', page, re.S)
    assert found, f"no field {field}"
    return html.unescape(re.sub(r"</?a\b[^>]*>", "", found.group(1)))


def messages(response) -> list[str]:
    return [html.unescape(m) for m in re.findall(r'<li class="\w+">(.*?)</li>', response.text)]


def checked_peru(client, tmp_path, capture, **kwargs) -> ImportRun:
    with capture(execute=True):
        send(client, peru_csv(tmp_path), **kwargs)
    return ImportRun.objects.get(file_name=kwargs.get("name", "peru.csv"))


def test_the_run_page_shows_the_check_then_the_import_with_who_did_each(
    client, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(factories.make_plan_admin(username="planner"))
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, peru_csv(tmp_path))
    assert messages(response) == ["Peru.csv uploaded: its check is below."]  # capitalised

    run = ImportRun.objects.get()
    page = view(client, run)
    assert shown(page, "file_name") == "peru.csv"
    assert shown(page, "state") == "Checked: waiting for confirmation"
    assert shown(page, "file_format") == "IRM Explorer table (2017)"
    assert shown(page, "progress") == "6"
    assert shown(page, "check_report").startswith(
        "IRM Explorer table (2017), 6 rows. Dry run: nothing was written; confirm to import."
        "<br>members: 1 created, 0 updated, 0 unchanged<br>"
    )
    assert shown(page, "uploaded_by") == "planner"
    assert shown(page, "finished_at") != "-"
    assert CONFIRM_BUTTON in page

    client.force_login(factories.make_plan_admin(username="confirmer"))
    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(client, run)
    assert messages(response) == ["Importing peru.csv."]

    page = view(client, run)
    assert shown(page, "state") == "Imported"
    assert shown(page, "import_report").startswith(
        "IRM Explorer table (2017), 6 rows.<br>members: 1 created, 0 updated, 0 unchanged<br>"
    )
    assert shown(page, "progress") == "6"
    assert (shown(page, "uploaded_by"), shown(page, "confirmed_by")) == ("planner", "confirmer")
    assert CONFIRM_BUTTON not in page
    assert Commitment.objects.count() == 6
    # The sheet stays with its run, as uploaded.
    run.refresh_from_db()
    assert Path(run.file.path).read_bytes() == peru_csv(tmp_path)


def test_a_sheet_uploaded_in_spanish_is_checked_and_imported_for_an_english_reader_in_english(
    client, tmp_path, django_capture_on_commit_callbacks
):
    # Until 8 December 2026 the reports stayed in the uploader's language (this test pinned it);
    # each reader now reads them in theirs (tests/admin/test_import_run_in_readers_language.py).
    client.force_login(factories.make_plan_admin(username="planner"))
    run = checked_peru(client, tmp_path, django_capture_on_commit_callbacks, language="es")

    assert shown(view(client, run), "check_report").startswith(
        "IRM Explorer table (2017), 6 rows. Dry run: nothing was written; confirm to import."
        "<br>members: 1 created, 0 updated, 0 unchanged<br>"
    )
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, run, language="es")
    assert shown(view(client, run), "import_report").startswith(
        "IRM Explorer table (2017), 6 rows.<br>members: 1 created, 0 updated"
    )


def break_two_rows(names, rows):
    rows[2] = rows[2][:20]
    rows[5][names.index("Action Plan Number")] = "two"


@pytest.mark.parametrize(
    ("language", "report", "refusal", "refused"),
    [
        (
            "en",
            "2 problem(s) make the file unreadable:<br>  row 5",
            NOT_WAITING,
            "Refused: nothing written",
        ),
        (
            "es",
            "2 problema(s) hacen ilegible el archivo:<br>  fila 5",
            "Solo se puede importar una hoja revisada que aún no se haya importado.",
            "Rechazado: no se escribió nada",
        ),
    ],
)
def test_a_refused_sheet_shows_its_problems_no_format_no_rows_and_cannot_be_confirmed(
    client, tmp_path, django_capture_on_commit_callbacks, language, report, refusal, refused
):
    client.force_login(factories.make_plan_admin(username="planner"))
    with django_capture_on_commit_callbacks(execute=True):
        send(client, peru_csv(tmp_path, break_two_rows), language=language)
    run = ImportRun.objects.get()

    page = view(client, run, language)  # read in the language it was sent in
    assert shown(page, "state") == refused
    assert shown(page, "check_report").startswith(report)
    assert (shown(page, "file_format"), shown(page, "progress")) == ("-", "0")
    assert shown(page, "finished_at") != "-"
    assert CONFIRM_BUTTON not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(client, run, language)
    assert messages(response) == [refusal]
    assert shown(view(client, run, language), "state") == refused
    assert Commitment.objects.count() == 0


def test_an_import_that_fails_after_its_check_is_recorded_with_its_reason_and_writes_nothing(
    client, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(factories.make_plan_admin(username="planner"))
    run = checked_peru(client, tmp_path, django_capture_on_commit_callbacks)
    # Between the check and the confirmation, someone records Peru as a local member.
    factories.MemberFactory(code="PER", kind=Member.Kind.LOCAL, country=factories.MemberFactory())

    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, run)

    page = view(client, run)
    assert shown(page, "state") == "Failed: nothing written"
    assert "member PER exists as a local member; this row says national" in shown(
        page, "import_report"
    )
    assert (shown(page, "file_format"), shown(page, "progress")) == ("-", "0")
    assert Commitment.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert messages(confirm(client, run)) == [NOT_WAITING]
    assert shown(view(client, run), "state") == "Failed: nothing written"


def test_a_sheet_still_being_checked_or_already_imported_cannot_be_confirmed(
    client, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(factories.make_plan_admin(username="planner"))
    with django_capture_on_commit_callbacks(execute=False) as check:
        send(client, peru_csv(tmp_path))
    run = ImportRun.objects.get()

    with django_capture_on_commit_callbacks(execute=True) as started:
        assert messages(confirm(client, run)) == [NOT_WAITING]
    assert started == [] and shown(view(client, run), "state") == "Being checked"

    check[0]()
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, run)
    with django_capture_on_commit_callbacks(execute=True) as started:
        assert messages(confirm(client, run)) == [NOT_WAITING]
    assert started == [] and shown(view(client, run), "state") == "Imported"


def test_two_sheets_uploaded_together_are_each_checked_and_confirmed_on_their_own(
    client, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(factories.make_plan_admin(username="planner"))
    with django_capture_on_commit_callbacks(execute=False) as checks:
        send(client, peru_csv(tmp_path))
        send(client, synthetic_file(tmp_path, "Chile", 3).read_bytes(), name="chile.csv")
    peru, chile = (
        ImportRun.objects.get(file_name="peru.csv"),
        ImportRun.objects.get(file_name="chile.csv"),
    )
    # Both wait for their check; the first one queued runs first.
    for check in checks:
        check()

    assert shown(view(client, peru), "check_report").startswith(
        "IRM Explorer table (2017), 6 rows."
    )
    assert shown(view(client, chile), "check_report").startswith(
        "IRM Explorer table (2017), 3 rows."
    )

    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, peru)
    assert shown(view(client, peru), "state") == "Imported"
    page = view(client, chile)
    assert shown(page, "state") == "Checked: waiting for confirmation" and CONFIRM_BUTTON in page
    assert not Commitment.objects.filter(action_plan__member__code="CHL").exists()


def test_a_staff_member_who_may_only_view_imports_cannot_start_or_confirm_one(
    client, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(factories.make_plan_admin(username="planner"))
    run = checked_peru(client, tmp_path, django_capture_on_commit_callbacks)
    viewer = factories.UserFactory(username="auditor", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_importrun"))
    client.force_login(viewer)

    page = view(client, run)
    assert shown(page, "state") == "Checked: waiting for confirmation"
    assert CONFIRM_BUTTON not in page
    assert client.get(ADD).status_code == 403
    with django_capture_on_commit_callbacks(execute=True) as started:
        response = confirm(client, run)
    assert messages(response) == ["Only a plan administrator may import OGP sheets."]
    assert started == [] and shown(view(client, run), "state") == (
        "Checked: waiting for confirmation"
    )
    assert Commitment.objects.count() == 0


def test_an_import_task_for_a_sheet_nobody_confirmed_writes_nothing(
    client, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(factories.make_plan_admin(username="planner"))
    run = checked_peru(client, tmp_path, django_capture_on_commit_callbacks)

    perform_import_run.delay(run.pk)  # a stray or mistaken message on the queue

    page = view(client, run)
    assert shown(page, "state") == "Checked: waiting for confirmation" and CONFIRM_BUTTON in page
    assert Commitment.objects.count() == 0
