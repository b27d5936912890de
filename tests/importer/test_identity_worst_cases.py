"""Which commitment a row is, on the worst sheets: commitments entered by hand are found by plan and
number (never duplicated), a title with a typo or a light rewrite still finds its commitment, a
rewritten title under another number does not take someone else's, and the title comparison holds
at its edges (reviews/importers/identity.py)."""

from __future__ import annotations

import pytest

from commitments.models import ActionPlan, Commitment
from reviews.importers.identity import (
    SAME_TITLE,
    SIMILAR_TITLE,
    number_key,
    similarity,
    title_key,
)
from tests.factories import ActionPlanFactory, CommitmentFactory, MemberFactory

from .conftest import run_import, write_csv
from .test_reconcile import peru_plan1_rows, sheet_rows

pytestmark = pytest.mark.django_db


def peru_plan1_file(tmp_path, limit: int, edits: dict[int, dict[str, str]] | None = None):
    numbers, names, rows = peru_plan1_rows()
    rows = [list(r) for r in rows[:limit]]
    for position, cells in (edits or {}).items():
        for column, value in cells.items():
            rows[position][names.index(column)] = value
    return write_csv(tmp_path / "explorer.csv", [numbers, names, *rows])


def hand_entered_plan() -> ActionPlan:
    """Peru's first plan as an editor typed it: ids of their own, no source key, other titles."""
    peru = MemberFactory(code="PER", name="Peru", commitment_prefix="PE")
    plan = ActionPlanFactory(member=peru, number=1, ogp_id="AP_PER01")
    for ogp_id, number, title in [
        ("PE0001", "1:a", "Marco normativo (escrito a mano)"),
        ("PE0002", "1:B", "Seguimiento (escrito a mano)"),
    ]:
        CommitmentFactory(
            action_plan=plan, ogp_id=ogp_id, number=number, title=title, source_key=""
        )
    return plan


def test_commitments_entered_by_hand_are_found_by_plan_and_number_not_duplicated(tmp_path):
    plan = hand_entered_plan()
    path = peru_plan1_file(tmp_path, limit=3)  # 1:A, 1:B, 1:C

    run_import(path)
    run_import(path)  # and again: still nothing doubled

    commitments = Commitment.objects.filter(action_plan=plan)
    assert {(c.ogp_id, c.number, c.id_provisional) for c in commitments} == {
        ("PE0001", "1:a", False),
        ("PE0002", "1:B", False),
        ("PE-P0003", "1:C", True),  # its position in the file
    }
    # The file without ids does not overwrite what the editor typed.
    assert commitments.get(ogp_id="PE0001").title == "Marco normativo (escrito a mano)"


def test_a_second_hand_entered_commitment_with_a_repeated_number_is_found_second(tmp_path):
    plan = hand_entered_plan()
    CommitmentFactory(action_plan=plan, ogp_id="PE0003", number="1:A", title="Otro", source_key="")
    # The file repeats 1:A too: its second 1:A is the hand-entered second one.
    path = peru_plan1_file(tmp_path, limit=3, edits={2: {"Comm No": "1:A"}})

    run_import(path)

    assert Commitment.objects.filter(action_plan=plan).count() == 3
    assert not Commitment.objects.filter(id_provisional=True).exists()


def test_a_title_with_a_typo_finds_its_commitment_under_another_number(tmp_path, current_file):
    run_import(peru_plan1_file(tmp_path, limit=3))
    _numbers, names, rows = peru_plan1_rows()
    title = rows[1][names.index("Commitment Title")]
    row = {**sheet_rows()[0], "Commitment Unique Identifier": "PE0002", "Commitment Number": "7"}
    row["Commitment Title"] = title.replace("transparencia", "transparenica")  # a typo

    printed = run_import(current_file([row]))

    assert Commitment.objects.count() == 3
    assert Commitment.objects.get(ogp_id="PE0002").title == row["Commitment Title"]
    assert not Commitment.objects.filter(ogp_id="PE-P0002").exists()
    assert "reconciled" in printed


def test_a_lightly_rewritten_title_finds_its_commitment_by_number(tmp_path, current_file):
    run_import(peru_plan1_file(tmp_path, limit=3))
    row = {
        **sheet_rows()[0],
        "Commitment Unique Identifier": "PE0003",
        "Commitment Number": "1:C",
        "Commitment Title": "1:c) Desarrollar los Portales de Transparencia Estándar (PTE)",
    }

    run_import(current_file([row]))

    assert Commitment.objects.count() == 3
    assert not Commitment.objects.filter(ogp_id="PE-P0003").exists()


def test_a_rewritten_title_under_another_number_is_a_new_commitment(tmp_path, current_file):
    run_import(peru_plan1_file(tmp_path, limit=3))
    row = {
        **sheet_rows()[0],
        "Commitment Unique Identifier": "PE0003",
        "Commitment Number": "9",
        "Commitment Title": "1:c) Desarrollar los Portales de Transparencia Estándar (PTE)",
    }

    run_import(current_file([row]))

    # Similar is not enough without the same number: the provisional one keeps its own row.
    assert Commitment.objects.count() == 4
    assert Commitment.objects.filter(ogp_id="PE-P0003").exists()


def test_an_unrelated_title_under_the_same_number_is_a_new_commitment(tmp_path, current_file):
    run_import(peru_plan1_file(tmp_path, limit=3))
    row = {
        **sheet_rows()[0],
        "Commitment Unique Identifier": "PE0003",
        "Commitment Number": "1:C",
        "Commitment Title": "Registro nacional de beneficiarios finales",
    }

    run_import(current_file([row]))

    assert Commitment.objects.count() == 4


def test_title_keys_ignore_accents_case_and_spacing_and_keep_160_characters():
    assert title_key("  Gestión   DOCUMENTARIA\n") == "gestion documentaria"
    assert len(title_key("a" * 400)) == 160


def test_similarity_of_titles_at_its_edges():
    assert similarity("portales", "portales", SAME_TITLE) == 1.0
    assert similarity("", "portales", 0.0) == 0.0
    assert similarity("portales", "", 0.0) == 0.0
    # Exactly at the floor is enough (the cheap bounds equal it too).
    assert similarity("a", "abc", SIMILAR_TITLE) == SIMILAR_TITLE
    # Below the floor: 0, not the ratio (0.375 here).
    assert similarity("abcdefgh", "abcxyzuv", SAME_TITLE) == 0.0
    assert similarity("abcdefgh", "abcxyzuv", 0.3) == 0.375


def test_a_second_file_of_the_same_member_gets_the_next_free_provisional_ids(tmp_path):
    run_import(peru_plan1_file(tmp_path, limit=3))  # 1:A to 1:C: PE-P0001 to PE-P0003
    numbers, names, rows = peru_plan1_rows()
    run_import(write_csv(tmp_path / "more.csv", [numbers, names, *rows[3:5]]))  # 1:D, 1:E

    # Their positions in this file (1 and 2) are held by other commitments: the next free ids.
    assert Commitment.objects.get(number="1:D").ogp_id == "PE-P0004"
    assert Commitment.objects.get(number="1:E").ogp_id == "PE-P0005"
    assert Commitment.objects.get(number="1:A").ogp_id == "PE-P0001"


def test_an_id_held_provisionally_by_another_commitment_is_a_conflict_naming_it(current_file):
    plan = hand_entered_plan()
    title = "Compromiso 5: un sistema nacional de seguimiento de las denuncias ciudadanas"
    CommitmentFactory(
        action_plan=plan, ogp_id="PE0005", id_provisional=True, number="5", title=title
    )
    row = {
        **sheet_rows()[0],
        "Commitment Unique Identifier": "PE0005",
        "Commitment Number": "1:D",
        "Commitment Title": "Gestión documentaria",
    }

    printed = run_import(current_file([row]))

    # Named by its first 60 characters.
    assert f"PE0005 is held provisionally by a different commitment ({title[:60]})" in printed
    assert Commitment.objects.get(ogp_id="PE0005").title == title


def test_identical_titles_are_told_apart_by_their_numbers_in_any_row_order(tmp_path, current_file):
    same = {"Commitment Title": "Portal de transparencia"}
    numbers, names, rows = peru_plan1_rows()
    title = names.index("Commitment Title")
    first = [list(r) for r in rows[:2]]
    for row in first:
        row[title] = same["Commitment Title"]
    run_import(write_csv(tmp_path / "a.csv", [numbers, names, *first]))
    ids = {c.number: c.ogp_id for c in Commitment.objects.all()}
    assert ids == {"1:A": "PE-P0001", "1:B": "PE-P0002"}

    # The same rows, the other way round: each keeps its commitment.
    run_import(write_csv(tmp_path / "b.csv", [numbers, names, *reversed(first)]))
    assert {c.number: c.ogp_id for c in Commitment.objects.all()} == ids

    # A sheet with OGP's ids: 1:B's id goes to 1:B's commitment.
    run_import(
        current_file(
            [
                {
                    **sheet_rows()[0],
                    "Commitment Unique Identifier": "PE0002",
                    "Commitment Number": "1:B",
                    **same,
                }
            ]
        )
    )
    assert {c.number: c.ogp_id for c in Commitment.objects.all()} == {
        "1:A": "PE-P0001",
        "1:B": "PE0002",
    }


def test_moving_an_id_into_a_plan_already_imported_is_a_conflict_naming_both(current_file):
    own = sheet_rows()[2]  # PE0100, plan AP_PER01
    second_plan = {"Action Plan Number": "2", "Action Plan ID": "AP_PER02"}
    other = {
        **own,
        **second_plan,
        "Commitment Unique Identifier": "PE0200",
        "Commitment Title": "Compromiso del segundo plan",
    }
    run_import(current_file([own, other], name="first.csv"))

    printed = run_import(current_file([{**own, **second_plan}], name="moved.csv"))

    assert "PE0100 belongs to plan AP_PER01; this row puts it in AP_PER02: not written" in printed
    assert Commitment.objects.get(ogp_id="PE0100").action_plan.ogp_id == "AP_PER01"


def test_number_keys_keep_inner_spaces_once_and_an_empty_number_is_empty():
    assert number_key("  4 :\n A ") == "4 : a"
    assert number_key("") == number_key(None) == ""


def test_a_second_file_reaching_past_its_moved_ids_gives_every_row_its_own_id(tmp_path):
    numbers, names, rows = peru_plan1_rows()
    run_import(write_csv(tmp_path / "a.csv", [numbers, names, *rows[:3]]))  # PE-P0001 to 3
    # Five new rows: positions 1 to 3 are held, so they move to 4 to 6; positions 4 and 5 must
    # then move too, not take 4 and 5 a second time (the database refused the whole file).
    run_import(write_csv(tmp_path / "b.csv", [numbers, names, *rows[3:8]]))

    ids = {c.number: c.ogp_id for c in Commitment.objects.all()}
    assert len(ids) == 8
    assert [ids[n] for n in ("1:D", "1:E", "1:F", "1:G", "1:H")] == [
        "PE-P0004",
        "PE-P0005",
        "PE-P0006",
        "PE-P0007",
        "PE-P0008",
    ]


def test_two_titles_equally_near_are_told_apart_by_the_number(tmp_path, current_file):
    numbers, names, rows = peru_plan1_rows()
    title = names.index("Commitment Title")
    first = [list(r) for r in rows[:2]]
    first[0][title] = "Portal de transparencia estándar, informe de 2012"
    first[1][title] = "Portal de transparencia estándar, informe de 2013"
    run_import(write_csv(tmp_path / "a.csv", [numbers, names, *first]))

    row = {
        **sheet_rows()[0],
        "Commitment Unique Identifier": "PE0002",
        "Commitment Number": "1:B",
        "Commitment Title": "Portal de transparencia estándar, informe de 2014",
    }
    run_import(current_file([row]))

    assert {c.number: c.ogp_id for c in Commitment.objects.all()} == {
        "1:A": "PE-P0001",
        "1:B": "PE0002",
    }


@pytest.mark.parametrize(
    ("first", "second", "sheet_title"),
    [
        # Identical titles: the source key decides.
        ("Portal de transparencia", "Portal de transparencia", "Portal de transparencia"),
        # Similar titles, the first nearer (0.82 against 0.75): the source key still decides.
        (
            "Portal de transparencia estándar para los municipios del país",
            "Portal de transparencia estándar para las regiones",
            "Portales de transparencia estándar en municipios y regiones del país",
        ),
    ],
)
def test_a_repeated_number_is_told_apart_by_its_occurrence(
    tmp_path, current_file, first, second, sheet_title
):
    numbers, names, rows = peru_plan1_rows()
    title, number = names.index("Commitment Title"), names.index("Comm No")
    repeated = [list(r) for r in rows[:2]]
    for row, text in zip(repeated, (first, second), strict=True):
        row[title], row[number] = text, "1:A"
    run_import(write_csv(tmp_path / "a.csv", [numbers, names, *repeated]))  # PE-P0001, PE-P0002

    base = {**sheet_rows()[0], "Commitment Number": "1:A"}
    run_import(
        current_file(
            [
                # The sheet's first 1:A is another commitment: its second 1:A is the Explorer's.
                {
                    **base,
                    "Commitment Unique Identifier": "PE0100",
                    "Commitment Title": "Registro de beneficiarios finales",
                },
                {**base, "Commitment Unique Identifier": "PE0101", "Commitment Title": sheet_title},
            ]
        )
    )

    assert Commitment.objects.get(ogp_id="PE0101").title == sheet_title
    assert not Commitment.objects.filter(ogp_id="PE-P0002").exists()
    assert Commitment.objects.get(ogp_id="PE-P0001").title == first


@pytest.mark.parametrize(
    ("explorer_title", "sheet_title", "sheet_number"),
    [
        # Ratio exactly 0.9 (18/20): nearly identical, whatever the number.
        ("portalweb", "portalweb99", "7"),
        # Ratio exactly 0.5 (12/24): similar enough under the same number.
        ("portal", "portal 99999999999", "1:A"),
    ],
)
def test_a_title_exactly_at_the_floor_still_matches(
    tmp_path, current_file, explorer_title, sheet_title, sheet_number
):
    assert similarity(title_key(explorer_title), title_key(sheet_title), 0.0) in {0.9, 0.5}
    run_import(peru_plan1_file(tmp_path, limit=1, edits={0: {"Commitment Title": explorer_title}}))
    row = {
        **sheet_rows()[0],
        "Commitment Unique Identifier": "PE0001",
        "Commitment Number": sheet_number,
        "Commitment Title": sheet_title,
    }

    run_import(current_file([row]))

    assert [c.ogp_id for c in Commitment.objects.all()] == ["PE0001"]


def test_with_no_occurrence_to_go_by_the_nearer_similar_title_wins(tmp_path, current_file):
    numbers, names, rows = peru_plan1_rows()
    title, number = names.index("Commitment Title"), names.index("Comm No")
    repeated = [list(r) for r in rows[:2]]
    texts = (
        "Portal de transparencia estándar para los municipios del país",
        "Portal de transparencia estándar para las regiones",
    )
    for row, text in zip(repeated, texts, strict=True):
        row[title], row[number] = text, "1:A"
    run_import(write_csv(tmp_path / "a.csv", [numbers, names, *repeated]))

    base = {**sheet_rows()[0], "Commitment Number": "1:A"}
    unrelated = ["Registro de beneficiarios finales", "Compras públicas abiertas"]
    sheet = [
        {**base, "Commitment Unique Identifier": f"PE010{n}", "Commitment Title": text}
        for n, text in enumerate(unrelated)
    ]
    # The third 1:A of the sheet: no Explorer row has that occurrence; 0.82 against 0.75.
    near = "Portales de transparencia estándar en municipios y regiones del país"
    sheet.append({**base, "Commitment Unique Identifier": "PE0102", "Commitment Title": near})
    run_import(current_file(sheet))

    assert not Commitment.objects.filter(ogp_id="PE-P0001").exists()
    assert Commitment.objects.get(ogp_id="PE-P0002").title == texts[1]
