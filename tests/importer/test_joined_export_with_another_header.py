"""Two exports joined into one file where the second one's header is not the first one's: a column
added, renamed, moved, or the names in another language. A row that reads as a header is never a
commitment: the same columns in another order are read by name from that row on (the importer reads
every column by name anyway, so nothing is guessed); any other difference refuses the file naming
the row and the columns, because what a column means, and so every row below it, changed."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from commitments.models import Commitment, PlanProcess

from ..accountability.test_process_import_cells import run as process_import
from .conftest import explorer_rows, run_import, write_csv
from .test_header_refusals import refusal
from .test_two_files_joined_into_one import PROCESS_HEADER, current_rows

pytestmark = pytest.mark.django_db

DIFFERS = (
    "the header again, but not the same as the one on row {first}: {what}; the columns say what "
    "every row below them means, so the rows below it were not read (import each export as a "
    "file of its own)"
)


def current_joined(tmp_path, current_header, second_header) -> str:
    path = write_csv(
        tmp_path / "joined.csv",
        [
            current_header,
            *current_rows(current_header, 1, 2),
            second_header,
            *current_rows(second_header, 3),
        ],
    )
    return refusal(path)


def test_a_second_export_with_a_column_added_is_refused_naming_the_row_and_the_column(
    tmp_path, current_header
):
    message = current_joined(tmp_path, current_header, [*current_header, "Date Added"])

    assert "row 4: " + DIFFERS.format(first=1, what="“Date Added” added") in message
    assert "PE0003" not in message


def test_a_second_export_with_a_column_renamed_says_which_name_replaced_which(
    tmp_path, current_header
):
    renamed = ["Commitment No." if name == "Commitment Number" else name for name in current_header]

    message = current_joined(tmp_path, current_header, renamed)

    assert (
        "row 4: " + DIFFERS.format(first=1, what="“Commitment No.” in place of “Commitment Number”")
        in message
    )


def test_a_second_export_with_a_column_left_out_names_it(tmp_path, current_header):
    shorter = [name for name in current_header if name != "Short Title"]

    message = current_joined(tmp_path, current_header, shorter)

    assert "row 4: " + DIFFERS.format(first=1, what="“Short Title” missing") in message


def test_a_second_header_in_another_language_is_refused_as_a_header_not_read_as_a_row(
    tmp_path, current_header
):
    spanish = [f"Columna {i} en español" for i in range(len(current_header))]
    spanish[0] = "Identificador único del compromiso"

    message = current_joined(tmp_path, current_header, spanish)

    assert "row 4: the header again, but not the same as the one on row 1: 171 names" in message
    assert "(another language?)" in message
    # Not read as a commitment whose plan number is a column name.
    assert "expected a whole number" not in message


def test_a_second_export_with_its_columns_in_another_order_is_read_by_name(
    tmp_path, current_header
):
    moved = list(current_header)
    title, place = moved.index("Commitment Title"), moved.index("Country/Locality")
    moved[title], moved[place] = moved[place], moved[title]
    moved.insert(0, moved.pop(moved.index("Commitment Unique Identifier")))
    moved.append(moved.pop(moved.index("Anti-Corruption and Integrity")))
    first = current_rows(current_header, 1, 2)
    first[0][current_header.index("Anti-Corruption and Integrity")] = "1"
    second = current_rows(moved, 3)
    second[0][moved.index("Anti-Corruption and Integrity")] = "1"
    path = write_csv(tmp_path / "joined.csv", [current_header, *first, moved, *second, moved])

    printed = run_import(path)

    stored = {c.ogp_id: c for c in Commitment.objects.prefetch_related("policy_areas")}
    assert sorted(stored) == ["PE0001", "PE0002", "PE0003"]
    assert stored["PE0003"].title == "Compromiso número 3"
    assert stored["PE0003"].action_plan.member.code == "PER"
    assert [a.name for a in stored["PE0003"].policy_areas.all()] == [
        a.name for a in stored["PE0001"].policy_areas.all()
    ]
    assert stored["PE0003"].policy_areas.exists()
    assert (
        "warning: the header again, with its columns in another order: the rows below it are "
        "read by column name (1 row: 4)"
    ) in printed
    assert "warning: the header again, skipped (two files joined?) (1 row: 6)" in printed


def explorer_joined(tmp_path, numbers2, names2, rows2) -> tuple[str, list[list[str]]]:
    numbers, names, rows = explorer_rows()
    peru = [r for r in rows if r[0] == "Peru"][:2]
    return write_csv(tmp_path / "joined.csv", [numbers, names, *peru, numbers2, names2, *rows2])


def test_an_explorer_export_with_a_column_added_is_refused_at_its_names_row(tmp_path):
    numbers, names, rows = explorer_rows()
    chile = [[*r, "x"] for r in rows if r[0] == "Chile"][:2]

    message = refusal(
        explorer_joined(tmp_path, [*numbers, str(len(numbers))], [*names, "IRM researcher"], chile)
    )

    # Row 5 (its column numbers) is part of that header, not a commitment of country "0".
    assert "row 5" not in message
    assert "row 6: " + DIFFERS.format(first=2, what="“IRM researcher” added") in message
    assert "1 problem(s)" in message


def test_an_explorer_export_with_its_columns_in_another_order_is_read_by_name(tmp_path):
    numbers, names, rows = explorer_rows()
    order = list(range(len(names)))
    order[0], order[5] = order[5], order[0]  # Country <-> Commitment Title
    chile = [r for r in rows if r[0] == "Chile"][:2]
    moved = [[r[i] for i in order] for r in chile]

    printed = run_import(explorer_joined(tmp_path, numbers, [names[i] for i in order], moved))

    assert Commitment.objects.count() == 4
    assert set(
        Commitment.objects.filter(action_plan__member__code="CHL").values_list("title", flat=True)
    ) == {r[names.index("Commitment Title")] for r in chile}
    assert "read by column name (1 row: 6)" in printed


def process_joined(tmp_path, second_header: list[str], second_row: list[str]):
    return write_csv(
        tmp_path / "process.csv",
        [PROCESS_HEADER, ["Peru", "1", "2012", "Consult", "Inform"], second_header, second_row],
    )


def test_a_process_export_with_its_columns_in_another_order_is_read_by_name(tmp_path):
    moved = [PROCESS_HEADER[1], PROCESS_HEADER[0], *PROCESS_HEADER[2:]]

    printed = process_import(
        process_joined(tmp_path, moved, ["2", "Chile", "2014", "Involve", "NR"])
    )

    assert sorted(
        PlanProcess.objects.values_list(
            "action_plan__ogp_id", "irm_year_submitted", "irm_development_level"
        )
    ) == [("AP_CHL02", 2014, "involve"), ("AP_PER01", 2012, "consult")]
    assert "warning: row 3: the header again, with its columns in another order" in printed


def test_a_process_export_with_a_column_renamed_is_refused_naming_the_row(tmp_path):
    renamed = [*PROCESS_HEADER[:4], "IAP2 level during implementation"]
    path = process_joined(tmp_path, renamed, ["Chile", "2", "2014", "Involve", "NR"])

    with pytest.raises(CommandError) as error, translation.override("en"):
        call_command("import_ogp_process", str(path), stdout=StringIO(), stderr=StringIO())

    assert "row 3: " + DIFFERS.format(
        first=1,
        what="“IAP2 level during implementation” in place of “IAP2 level during imp.”",
    ) in str(error.value)
    assert "Country name" not in str(error.value)
    assert not PlanProcess.objects.exists()


def test_the_refusal_is_in_spanish_for_a_spanish_operator(tmp_path, current_header):
    path = write_csv(
        tmp_path / "joined.csv",
        [current_header, *current_rows(current_header, 1), [*current_header, "Fecha"]],
    )

    with pytest.raises(CommandError) as error:
        run_import(path, language="es")

    assert (
        "fila 3: la cabecera otra vez, pero no la misma que la de la fila 1: “Fecha” añadida; "
        "las columnas dicen qué significa cada fila de debajo"
    ) in str(error.value)


def test_a_second_header_cut_short_is_refused_as_such_not_as_a_commitment(tmp_path, current_header):
    path = write_csv(
        tmp_path / "joined.csv",
        [
            current_header,
            *current_rows(current_header, 1),
            current_header[:40],
            *current_rows(current_header, 2),
        ],
    )

    message = refusal(path)

    assert (
        "row 3: the header again, cut short: 40 cells where the header has 171 (the file is cut "
        "off here, or the export left columns out)"
    ) in message
    assert "Commitment Unique Identifier:" not in message
