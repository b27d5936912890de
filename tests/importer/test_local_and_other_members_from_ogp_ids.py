"""A local member and a member of another kind as the public API shows them after an import
(issue 17): the prefix OGP's own ids carry replaces the one a file without ids had given the
member, and a member of another kind keeps the place name the sheet gives it."""

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
    ("level", "place", "kind"),
    [("Local", "Miraflores, Peru", "local"), ("Other", "Miraflores", "other")],
)
def test_the_prefix_of_ogp_ids_replaces_the_one_a_file_without_ids_gave(
    client, current_file, level, place, kind
):
    run_import(current_file([row("MIRAFLORES", place, level=level)], name="without-ids.csv"))
    assert member(client, "MIRAFLORES")["commitment_prefix"] == "MIRAFL"

    printed = run_import(
        current_file([row("MIRAFLORES", place, level=level, ogp_id="MF0001")], name="ids.csv")
    )

    shown = member(client, "MIRAFLORES")
    assert (shown["kind"], shown["commitment_prefix"]) == (kind, "MF")
    assert (
        "  members updated, by field: commitment_prefix 1 (MIRAFLORES (commitment_prefix))"
        in printed.splitlines()
    )


@pytest.mark.parametrize(("place", "name"), [("Miraflores", "Miraflores"), ("", "MIR")])
def test_a_member_of_another_kind_is_named_by_its_place_else_by_its_code(
    client, current_file, place, name
):
    run_import(current_file([row("MIR", place, level="Other", ogp_id="MF0001")]))

    shown = member(client, "MIR")
    assert (shown["kind"], shown["name"]) == ("other", name)
