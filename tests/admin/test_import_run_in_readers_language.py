"""An import run reads in its reader's language, whoever uploaded it: until 8 December 2026 the
format was stored as its English name ("IRM Explorer table (2017)" for a Spanish admin), the check
and import reports as text in the uploader's language (an English admin read Spanish), and the
"by field" line named fields by their code ("title 1"). Runs from before keep their reports as
written."""

from __future__ import annotations

import pytest

from commitments.models import Commitment
from reviews.models import ImportRun
from tests import factories
from tests.admin.test_import_run_lifecycle import checked_peru, confirm, send, shown, view
from tests.admin.test_import_upload import peru_csv

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]

SPANISH_CHECK = (
    "Tabla del IRM Explorer (2017), 6 filas. Ensayo: no se escribió nada; confirme para importar."
    "<br>miembros: altas 1, actualizaciones 0, sin cambios 0<br>"
)
ENGLISH_CHECK = (
    "IRM Explorer table (2017), 6 rows. Dry run: nothing was written; confirm to import."
    "<br>members: 1 created, 0 updated, 0 unchanged<br>"
)


def by_field_line(report: str) -> str:
    return next(line for line in report.split("<br>") if "by field" in line or "por campo" in line)


def test_a_sheet_checked_and_imported_in_spanish_reads_in_english_for_an_english_admin(
    client, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(factories.make_plan_admin(username="planner"))
    run = checked_peru(client, tmp_path, django_capture_on_commit_callbacks, language="es")
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, run, language="es")

    english = view(client, run, "en")
    assert shown(english, "check_report").startswith(ENGLISH_CHECK)
    assert shown(english, "import_report").startswith(
        "IRM Explorer table (2017), 6 rows.<br>members: 1 created, 0 updated, 0 unchanged<br>"
    )
    assert "filas" not in english and "altas" not in english
    # The uploader still reads it in Spanish.
    spanish = view(client, run, "es")
    assert shown(spanish, "check_report").startswith(SPANISH_CHECK)
    assert shown(spanish, "import_report").startswith(
        "Tabla del IRM Explorer (2017), 6 filas.<br>miembros: altas 1, actualizaciones 0"
    )


def test_a_sheet_checked_in_english_reads_in_spanish_for_a_spanish_admin(
    client, tmp_path, django_capture_on_commit_callbacks
):
    client.force_login(factories.make_plan_admin(username="planner"))
    run = checked_peru(client, tmp_path, django_capture_on_commit_callbacks, language="en")

    spanish = view(client, run, "es")
    assert shown(spanish, "check_report").startswith(SPANISH_CHECK)
    assert "rows" not in shown(spanish, "check_report")
    assert shown(view(client, run, "en"), "check_report").startswith(ENGLISH_CHECK)


def test_a_refused_sheet_reads_its_problems_in_the_readers_language(
    client, tmp_path, django_capture_on_commit_callbacks
):
    def break_a_row(names, rows):
        rows[5][names.index("Action Plan Number")] = "two"

    client.force_login(factories.make_plan_admin(username="planner"))
    with django_capture_on_commit_callbacks(execute=True):
        send(client, peru_csv(tmp_path, break_a_row), language="es")
    run = ImportRun.objects.get()

    assert shown(view(client, run, "en"), "check_report").startswith(
        "1 problem(s) make the file unreadable:<br>  row 8"
    )
    assert shown(view(client, run, "es"), "check_report").startswith(
        "1 problema(s) hacen ilegible el archivo:<br>  fila 8"
    )


@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "IRM Explorer table (2017)"), ("es", "Tabla del IRM Explorer (2017)")],
)
def test_the_format_is_named_in_the_readers_language(
    client, tmp_path, django_capture_on_commit_callbacks, language, label
):
    client.force_login(factories.make_plan_admin(username="planner"))
    other = {"en": "es", "es": "en"}[language]
    run = checked_peru(client, tmp_path, django_capture_on_commit_callbacks, language=other)

    assert shown(view(client, run, language), "file_format") == label


def _retitle_first_and_flip_a_policy_area(names, rows):
    rows[0][names.index("Commitment Title")] = "Un título nuevo"
    flag = names.index("Anti-corruption")
    rows[0][flag] = "0" if rows[0][flag].strip() == "1" else "1"


@pytest.mark.parametrize(
    ("language", "line"),
    [
        (
            "en",
            "commitments updated, by field: title 1, policy areas 1 ({id} (title, policy areas))",
        ),
        (
            "es",
            "compromisos, actualizaciones por campo: título 1, áreas de política 1 "
            "({id} (título, áreas de política))",
        ),
    ],
)
def test_the_by_field_line_names_fields_as_the_reader_knows_them(
    client, tmp_path, django_capture_on_commit_callbacks, language, line
):
    client.force_login(factories.make_plan_admin(username="planner"))
    run = checked_peru(client, tmp_path, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, run)
    with django_capture_on_commit_callbacks(execute=True):
        send(client, peru_csv(tmp_path, _retitle_first_and_flip_a_policy_area), name="peru2.csv")

    second = ImportRun.objects.get(file_name="peru2.csv")
    first_id = Commitment.objects.order_by("ogp_id").values_list("ogp_id", flat=True)[0]
    assert by_field_line(shown(view(client, second, language), "check_report")) == line.format(
        id=first_id
    )


def test_a_run_from_before_keeps_its_report_as_written(client):
    # What the data migration (reviews 0008) makes of a run checked in Spanish before 8 December.
    written = "IRM Explorer table (2017), 6 filas.\nmiembros: altas 1, actualizaciones 0"
    planner = factories.make_plan_admin(username="planner")
    run = ImportRun.objects.create(
        file="imports/2026/11/peru.csv",
        file_name="peru.csv",
        state=ImportRun.State.CHECKED,
        file_format="explorer_2017",
        uploaded_by=planner,
        check_reports={"es": written},
    )
    client.force_login(planner)

    page = view(client, run, "en")
    assert shown(page, "check_report") == written.replace("\n", "<br>")
    assert shown(page, "file_format") == "IRM Explorer table (2017)"
    assert shown(page, "import_report") == "-"
