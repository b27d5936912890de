"""Institution cells as real OGP sheets write them: lists on real separators, wrapped names kept
whole, contacts moved out, co-named institutions kept apart, kinds inferred only when sure."""

from __future__ import annotations

import pytest

from commitments.models import Commitment, Organization

from .conftest import run_import
from .test_current_sheet import ROWS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        (
            "Ministry of Go\nvernment; Ministerio de Salud",
            ["Ministerio de Salud", "Ministry of Go vernment"],
        ),
        ("City of Buenos\nAires", ["City of Buenos Aires"]),
        (
            "• Ministerio de Economía\n• Contraloría General (CGR)",
            ["Contraloría General", "Ministerio de Economía"],
        ),
        (
            "1. Ministry of Finance 2. Central Bank of Peru",
            ["Central Bank of Peru", "Ministry of Finance"],
        ),
        (
            "Consejo de la Prensa Peruana\nCiudadanos al Día\nUniversidad del Pacífico",
            ["Ciudadanos al Día", "Consejo de la Prensa Peruana", "Universidad del Pacífico"],
        ),
        (
            "Ministerio de Justicia, Defensoría del Pueblo",
            ["Defensoría del Pueblo", "Ministerio de Justicia"],
        ),
        ("Juan Pérez, jperez@mef.gob.pe, +51 1 311 5930", []),
    ],
)
def test_supporting_cells_split_on_real_separators_only(current_file, cell, names):
    run_import(current_file([{**ROWS[0], "Supporting Institution(s)": cell}]))

    commitment = Commitment.objects.get()
    assert sorted(commitment.supporting_organizations.values_list("name", flat=True)) == names


def test_emails_phones_and_people_become_the_commitments_contact(current_file):
    cell = "Defensoría del Pueblo; Contacto: María López; Juan Pérez, jperez@mef.gob.pe, Tel. 01 219 7000"
    run_import(current_file([{**ROWS[0], "Supporting Institution(s)": cell}]))

    commitment = Commitment.objects.get()
    assert list(commitment.supporting_organizations.values_list("name", flat=True)) == [
        "Defensoría del Pueblo"
    ]
    assert commitment.contact_name == "María López; Juan Pérez"
    assert commitment.contact_email == "jperez@mef.gob.pe"
    assert commitment.contact_phone == "01 219 7000"
    assert not Organization.objects.filter(name__icontains="@").exists()


def test_kinds_are_inferred_from_names_and_unknown_when_unsure(current_file):
    cell = (
        "Proética; Universidad del Pacífico; Cámara de Comercio de Lima; Banco Mundial; "
        "Congreso de la República; Instituto Nacional de Estadística; Poder Judicial"
    )
    run_import(current_file([{**ROWS[0], "Supporting Institution(s)": cell}]))

    kinds = dict(Organization.objects.values_list("name", "kind"))
    assert kinds == {
        "Secretaría de Gestión Pública": "government",
        "Proética": "civil_society",
        "Universidad del Pacífico": "academia",
        "Cámara de Comercio de Lima": "private_sector",
        "Banco Mundial": "international",
        "Congreso de la República": "legislature",
        "Instituto Nacional de Estadística": "unknown",
        "Poder Judicial": "judiciary",
    }
