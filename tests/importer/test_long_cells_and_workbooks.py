"""Two files an operator may well hold: a sheet with one very long cell (a commitment's full text
pasted with its annexes, a megabyte of it), and the workbook itself (.xlsx, .ods or an old .xls)
instead of its CSV export. Until 8 December the first was refused as "a stray or unclosed quote:
field larger than field limit (131072)" and the second as "byte 0x.. is not UTF-8 text (a Latin-1
or Windows export?)"; now the long cell imports whole and the workbook is refused saying what it
is and how to export it, from the command and from the admin upload alike."""

from __future__ import annotations

import csv
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import CommandError
from django.utils import translation

from commitments.models import Commitment, PlanProcess
from reviews.importers.common import CELL_LIMIT, csv_problem
from reviews.models import ImportRun
from tests import factories

from ..accountability.test_process_import_cells import FULL, plan_row
from ..accountability.test_process_import_cells import refused as process_refused
from ..accountability.test_process_import_cells import run as run_process
from .conftest import run_import, write_csv
from .test_worst_cells import refused, rows

pytestmark = pytest.mark.django_db

# A megabyte of text in one cell, with line breaks, commas and quotes in it as a pasted annex has.
LONG_TEXT = 'Anexo 1, "Plan de trabajo":\n' + "palabra, otra palabra; " * 45_000


def test_a_full_text_of_a_megabyte_imports_whole(current_file, client):
    assert len(LONG_TEXT) > 1_000_000
    path = current_file(rows({"Full Text": LONG_TEXT}, {}))

    printed = run_import(path)

    assert "commitments: 2 created" in printed
    assert Commitment.objects.get(ogp_id="PE0001").full_text == LONG_TEXT.strip()
    assert client.get("/api/v1/commitments/PE0002/").status_code == 200


def test_a_process_cell_of_a_megabyte_imports_and_is_kept(tmp_path):
    header = [*FULL, "Timeline: Online"]  # a column of the real file kept as it arrived
    row = plan_row(**{"Timeline: Online": LONG_TEXT})
    path = write_csv(tmp_path / "process.csv", [header, [row.get(n, "") for n in header]])

    run_process(path)

    assert PlanProcess.objects.get().irm_raw["Timeline: Online"] == LONG_TEXT


def workbook(tmp_path, name: str = "ogp.xlsx"):
    """A zip holding a workbook's first parts, as every .xlsx and .ods file is."""
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>" * 50)
        archive.writestr("xl/worksheets/sheet1.xml", "<worksheet/>" * 500)
    return path


OLD_EXCEL = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 4
WORKBOOK_REFUSAL = (
    "row 1: the file is a spreadsheet workbook (Excel or OpenDocument), not CSV text; open it and "
    "save it as “CSV UTF-8”, then import that"
)


def test_an_xlsx_workbook_is_refused_saying_what_it_is(tmp_path):
    assert WORKBOOK_REFUSAL in refused(workbook(tmp_path))


def test_an_old_excel_file_named_csv_is_refused_saying_what_it_is(tmp_path):
    path = tmp_path / "ogp.csv"
    path.write_bytes(OLD_EXCEL)

    assert WORKBOOK_REFUSAL in refused(path)


def test_a_workbook_given_as_the_process_file_is_refused_saying_what_it_is(tmp_path):
    assert WORKBOOK_REFUSAL in process_refused(workbook(tmp_path))


@pytest.mark.usefixtures("tasks_in_process")
def test_a_workbook_uploaded_under_a_csv_name_is_refused_saying_what_it_is(
    client, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(factories.make_plan_admin(username="planner"))
    content = workbook(tmp_path).read_bytes()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/reviews/importrun/add/",
            {"file": SimpleUploadedFile("ogp.csv", content, content_type="text/csv")},
            HTTP_ACCEPT_LANGUAGE="en",
        )

    run = ImportRun.objects.get()
    assert run.state == ImportRun.State.REFUSED
    assert run.check_reports["en"] == WORKBOOK_REFUSAL
    assert Commitment.objects.count() == 0


def test_the_workbook_refusal_is_given_in_spanish(tmp_path):
    with pytest.raises(CommandError) as error:
        run_import(workbook(tmp_path), language="es")

    assert (
        "fila 1: el archivo es un libro de hoja de cálculo (Excel u OpenDocument), no texto CSV; "
        "ábralo y guárdelo como “CSV UTF-8”, e importe ese"
    ) in str(error.value)


def test_a_cell_past_the_limit_is_told_as_a_quote_never_closed_not_as_the_csv_modules_words():
    error = csv.Error(f"field larger than field limit ({CELL_LIMIT})")

    with translation.override("en"):
        assert csv_problem(error) == (
            "a cell longer than 16,777,216 characters: a quote is never closed, or the file is "
            "not CSV text"
        )
