"""Cells someone annotated by hand: a completion level with a note after it ("Substantial (revised
by the IRM after the government's comments in 2019)"), a participation cell of the process
database written as a sentence. Each label column holds 60 characters (80 for early results): until
8 December such a cell was stored whole on SQLite and, on PostgreSQL, refused the whole file as
"the database refused rows up to N: value too long for type character varying(60)" (commitment
sheets, naming no column) or stopped the process import with a traceback. Now the label is
shortened at a word with a warning naming its row, and the whole cell stays among the row's
cells as it arrived."""

from __future__ import annotations

import pytest

from commitments.models import PlanProcess
from reviews.models import Assessment

from ..accountability.test_process_import_cells import FULL, plan_row
from ..accountability.test_process_import_cells import run as run_process
from .conftest import run_import, write_csv
from .test_worst_cells import rows

pytestmark = pytest.mark.django_db

ANNOTATED = "Substantial (revised by the IRM after the government's comments in 2019)"
PARTICIPATION = "Open to everyone who registered through the ministry's web form in advance"


def test_an_annotated_completion_label_is_shortened_with_a_warning_and_kept_in_the_row(
    current_file, client
):
    assert len(ANNOTATED) > 60
    path = current_file(rows({"Completion (Progress Report)": ANNOTATED}, {}))

    printed = run_import(path)

    assert "commitments: 2 created" in printed
    label = Assessment.objects.get(commitment__ogp_id="PE0001").completion_label
    assert len(label) <= 60 and ANNOTATED.startswith(label.rstrip("…"))
    assert "completion_label longer than 60 characters, shortened (1 row: 2 (PE0001))" in printed
    sources = client.get("/api/v1/commitments/PE0001/sources/").json()
    assert sources["results"][0]["cells"]["Completion (Progress Report)"] == ANNOTATED


def test_a_participation_sentence_in_the_process_file_is_shortened_with_a_warning(tmp_path):
    assert len(PARTICIPATION) > 60
    column = "Invitation-only or open participation during dev. consultation"
    row = plan_row(**{column: PARTICIPATION})
    path = write_csv(tmp_path / "process.csv", [FULL, [row.get(n, "") for n in FULL]])

    printed = run_process(path)

    process = PlanProcess.objects.get()
    assert len(process.irm_development_participation) <= 60
    assert PARTICIPATION.startswith(process.irm_development_participation.rstrip("…"))
    assert process.irm_raw[column] == PARTICIPATION
    assert (
        f"warning: row 2, column “{column}”: longer than 60 characters, shortened (the whole "
        "cell is kept with the row's cells)"
    ) in printed
