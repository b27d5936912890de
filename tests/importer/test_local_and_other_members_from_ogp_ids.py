"""Members as the public API and the import summary show them (issue 17): the prefix OGP's own ids
carry replaces the one a file without ids had given a member of any kind, a national code outside
ISO is kept with a warning under its column, and a member of another kind keeps its place name."""

from __future__ import annotations

import pytest

from .conftest import run_import
from .test_member_names_and_prefixes import row

pytestmark = pytest.mark.django_db


def member(client, code: str) -> dict:
    response = client.get(f"/api/v1/members/{code}/")
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize(
    ("code", "level", "place", "kind", "guessed", "ogp_id"),
    [
        ("MIRAFLORES", "Local", "Miraflores, Peru", "local", "MIRAFL", "MF0001"),
        ("MIRAFLORES", "Other", "Miraflores", "other", "MIRAFL", "MF0001"),
        ("MIRAFLORES", "National", "Miraflores", "national", "MIRAFL", "MF0001"),
        ("GBR", "National", "United Kingdom", "national", "GB", "UK0001"),
    ],
    ids=["local", "other", "national-outside-iso", "national"],
)
def test_the_prefix_of_ogp_ids_replaces_the_one_a_file_without_ids_gave(
    client, current_file, code, level, place, kind, guessed, ogp_id
):
    run_import(current_file([row(code, place, level=level)], name="without-ids.csv"))
    assert member(client, code)["commitment_prefix"] == guessed

    printed = run_import(
        current_file([row(code, place, level=level, ogp_id=ogp_id)], name="ids.csv")
    )

    shown = member(client, code)
    assert (shown["kind"], shown["commitment_prefix"]) == (kind, ogp_id[:2])
    assert (
        f"  members updated, by field: commitment id prefix 1 ({code} (commitment id prefix))"
        in printed.splitlines()
    )


def test_a_national_code_outside_iso_is_kept_with_the_whole_warning_under_its_column(
    current_file,
):
    printed = run_import(current_file([row("XKX", "Kosovo", ogp_id="XK0001")]))

    assert (
        "  warning: column “Code”: “XKX” is not an ISO alpha-3 country code: kept as OGP's own "
        "code (1 row: 2 (XK0001))"
    ) in printed.splitlines()


@pytest.mark.parametrize(("place", "name"), [("Miraflores", "Miraflores"), ("", "MIR")])
def test_a_member_of_another_kind_is_named_by_its_place_else_by_its_code(
    client, current_file, place, name
):
    run_import(current_file([row("MIR", place, level="Other", ogp_id="MF0001")]))

    shown = member(client, "MIR")
    assert (shown["kind"], shown["name"]) == ("other", name)
