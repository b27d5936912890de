"""`import_ogp_process` speaks the operator's language, as `import_ogp_irm` does: its summary, its
dry-run note and its refusals read in Spanish for a Spanish operator. Its yes/no cells read `1.0`
and `0.0` (as a spreadsheet exports 1 and 0) the way the commitments importer's 0/1 flags do."""

from __future__ import annotations

import csv
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from commitments.models import PlanProcess

pytestmark = pytest.mark.django_db

TIMELINE = "Step 1: Timeline and process: Prior availability"
NOTICE = "Step 2: Advance notice"
FORUM = "Consultation during action plan implementation (regular forum)"
HEADER = [
    "Country name",
    "Action Plan Number",
    "Year AP Submitted",
    "IAP2 level during development",
    "IAP2 level during imp.",
    TIMELINE,
    NOTICE,
    FORUM,
]


def process_file(tmp_path, *rows: list[str]):
    path = tmp_path / "process.csv"
    with path.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows([HEADER, *rows])
    return path


def run_process(path, language: str, *args: str) -> str:
    out = StringIO()
    with translation.override(language):
        call_command("import_ogp_process", str(path), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_a_spanish_operator_reads_the_summary_in_spanish(tmp_path):
    path = process_file(tmp_path, ["Peru", "1", "2012", "Consult", "Inform", "1", "0", ""])

    spanish = run_process(path, "es", "--dry-run")
    assert spanish.startswith("Simulación, no se escribió nada: 1 planes leídos;")
    assert "datos de proceso: 1 creados, 0 actualizados, 0 sin cambios;" in spanish
    assert "miembros nuevos 1, planes nuevos 1." in spanish
    assert "plans read" not in spanish

    english = run_process(path, "en")
    assert english.startswith("1 plans read; process data created 1, updated 0, unchanged 0;")
    assert run_process(path, "es").startswith("1 planes leídos;")


def test_a_spanish_operator_reads_why_nothing_was_imported_in_spanish(tmp_path):
    with translation.override("es"), pytest.raises(CommandError) as missing:
        call_command("import_ogp_process", str(tmp_path / "no.csv"), stdout=StringIO())
    assert str(missing.value).startswith("No existe el archivo:")

    bad = process_file(tmp_path, ["Peru", "1", "2012", "Consult", "Inform", "maybe", "", ""])
    with translation.override("es"), pytest.raises(CommandError) as refused:
        call_command("import_ogp_process", str(bad), stdout=StringIO())
    assert str(refused.value).startswith("No se importó nada:\n")
    assert "no es sí ni no" in str(refused.value)


def test_yes_no_cells_exported_as_decimals_read_as_yes_and_no(tmp_path):
    path = process_file(tmp_path, ["Peru", "1", "2012", "Consult", "Inform", "1.0", "0.0", "Yes"])

    run_process(path, "en")

    process = PlanProcess.objects.get()
    assert process.irm_timeline_available is True
    assert process.irm_advance_notice is False
    assert process.irm_regular_forum is True
    assert process.irm_raw[TIMELINE] == "1.0"
