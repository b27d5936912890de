"""A file holding its header and no rows (an export cut before its first row, the wrong tab saved)
imports nothing, and says so: the command and the admin upload's check report both warn "the
file has a header and no rows" instead of a silent "0 rows"."""

from __future__ import annotations

import csv
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import translation

from reviews.models import ImportRun
from tests import factories

from .conftest import explorer_rows, run_import, write_csv
from .test_broken_files import assert_nothing_written

pytestmark = pytest.mark.django_db

WARNING = "warning: the file has a header and no rows"


def test_a_current_sheet_with_only_its_header_is_warned_about(current_file):
    printed = run_import(current_file([]))

    assert "0 rows in" in printed and WARNING in printed
    assert_nothing_written()


def test_an_explorer_table_with_its_two_header_rows_and_blank_lines_is_warned_about(tmp_path):
    numbers, names, _rows = explorer_rows()
    path = write_csv(tmp_path / "explorer.csv", [numbers, names, [], [""] * len(names)])

    printed = run_import(path, language="es")

    assert "advertencia: el archivo tiene cabecera y ninguna fila" in printed
    assert_nothing_written()


def test_a_file_with_rows_is_not_warned_about(current_file):
    printed = run_import(
        current_file(
            [
                {
                    "Commitment Unique Identifier": "PE0001",
                    "Country/Locality": "Peru",
                    "Code": "PER",
                    "National Or Local": "National",
                    "Action Plan Number": "1",
                    "Commitment Title": "Portal de datos abiertos",
                }
            ]
        )
    )

    assert "no rows" not in printed


@pytest.mark.usefixtures("tasks_in_process")
def test_the_admin_check_report_warns_about_a_header_only_sheet(
    client, current_file, django_capture_on_commit_callbacks
):
    client.force_login(factories.make_plan_admin(username="planner"))
    content = current_file([]).read_bytes()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/reviews/importrun/add/",
            {"file": SimpleUploadedFile("empty-tab.csv", content, content_type="text/csv")},
            follow=True,
            HTTP_ACCEPT_LANGUAGE="en",
        )

    run = ImportRun.objects.get()
    assert run.state == ImportRun.State.CHECKED
    page = client.get(
        f"/admin/reviews/importrun/{run.pk}/change/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "0 rows." in page and WARNING in page


def test_a_process_file_with_only_its_header_is_warned_about(tmp_path):
    path = tmp_path / "process.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerow(
            [
                "Country name",
                "Action Plan Number",
                "Year AP Submitted",
                "IAP2 level during development",
                "IAP2 level during imp.",
            ]
        )
    out = StringIO()

    with translation.override("en"):
        call_command("import_ogp_process", str(path), stdout=out, stderr=StringIO())

    assert "0 plans read" in out.getvalue() and WARNING in out.getvalue()
