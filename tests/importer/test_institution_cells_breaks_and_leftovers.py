"""Institution cells as real OGP sheets write them: names separated by <br> tags in any case and by
Windows or old-Mac line ends; leftovers that are no institution (a year, dots, "None", a label
such as "Correo:") dropped; people beside an email kept as the commitment's contact, institutions
beside one kept as institutions; and no name keeps the comma that ended it in the cell."""

from __future__ import annotations

import pytest

from commitments.models import Commitment
from reviews.importers.organizations import split_lead, split_supporting

from .conftest import run_import
from .test_current_sheet import ROWS

pytestmark = pytest.mark.django_db

DEFENSORIA = "Defensoría del Pueblo"
CONTRALORIA = "Contraloría General de la República"


def import_supporting(client, current_file, cell: str) -> list[str]:
    """Import PE0074 with this Supporting Institution(s) cell; its supporters as the API serves
    them (the lead, "Secretaría de Gestión Pública", stays as in the row)."""
    run_import(current_file([{**ROWS[0], "Supporting Institution(s)": cell}]))
    served = client.get("/api/v1/commitments/PE0074/").json()
    assert served["lead_organization"]["name"] == "Secretaría de Gestión Pública"
    return sorted(o["name"] for o in served["supporting_organizations"])


@pytest.mark.parametrize(
    "cell",
    [
        f"{DEFENSORIA}<br>{CONTRALORIA}",
        f"{DEFENSORIA}<BR>{CONTRALORIA}",
        f"{DEFENSORIA} <Br/> {CONTRALORIA}",
        f"{DEFENSORIA}\r\n{CONTRALORIA}",
        f"{DEFENSORIA}\r{CONTRALORIA}",
    ],
    ids=["br", "BR", "Br/", "windows", "old-mac"],
)
def test_a_break_tag_or_any_line_end_separates_two_names(client, current_file, cell):
    assert import_supporting(client, current_file, cell) == [CONTRALORIA, DEFENSORIA]


@pytest.mark.parametrize(
    "cell",
    [
        f"{DEFENSORIA}; 2017",
        f"{DEFENSORIA}; ...",
        f"{DEFENSORIA}; 2016 - 2018",
    ],
)
def test_a_piece_of_only_numbers_or_punctuation_is_no_institution(client, current_file, cell):
    assert import_supporting(client, current_file, cell) == [DEFENSORIA]


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        (
            f"Ministerio de Salud, y Ministerio de Educación; {DEFENSORIA}",
            [DEFENSORIA, "Ministerio de Educación", "Ministerio de Salud"],
        ),
        (
            "Ministry of Health, and Ministry of Education",
            ["Ministry of Education", "Ministry of Health"],
        ),
        (f"Fundación Abierta\n,\n{DEFENSORIA}", [DEFENSORIA, "Fundación Abierta"]),
    ],
    ids=["y", "and", "comma-line"],
)
def test_no_name_keeps_the_comma_that_ended_it(client, current_file, cell, names):
    assert import_supporting(client, current_file, cell) == names


@pytest.mark.parametrize(
    ("cell", "institutions", "contact"),
    [
        # A nobody value beside an email is neither an institution nor the contact.
        ("None, ana.perez@defensoria.gob.pe", [], ""),
        # Four words beside an email, none an institution's: the contact person.
        ("Ana María Pérez Gómez, ana.perez@defensoria.gob.pe", [], "Ana María Pérez Gómez"),
        # Five words: too long for a person, an institution all the same.
        (
            "Red de Periodistas de Investigación, ana.perez@defensoria.gob.pe",
            ["Red de Periodistas de Investigación"],
            "",
        ),
        # A label left alone once its email is taken out; the name after it is still read.
        (f"Correo: ana.perez@defensoria.gob.pe, {DEFENSORIA}", [DEFENSORIA], ""),
        # "Contacto," before a person: the person, without the comma.
        (f"{DEFENSORIA}; Contacto, Ana Pérez", [DEFENSORIA], "Ana Pérez"),
    ],
    ids=["none", "four-word-person", "five-word-name", "label", "contacto-comma"],
)
def test_people_labels_and_nobody_beside_contacts(
    client, current_file, cell, institutions, contact
):
    assert import_supporting(client, current_file, cell) == institutions

    commitment = Commitment.objects.get()
    assert commitment.contact_name == contact
    assert commitment.contact_email == ("" if "@" not in cell else "ana.perez@defensoria.gob.pe")


@pytest.mark.parametrize(
    "name", ["Biblioteca Nacional del Perú", "Instituto Nacional de Estadística"]
)
def test_an_institution_of_four_words_beside_an_email_is_not_taken_for_a_person(
    client, current_file, name
):
    cell = f"{name}, informes@gob.pe"

    assert import_supporting(client, current_file, cell) == [name]

    commitment = Commitment.objects.get()
    assert commitment.contact_name == ""
    assert commitment.contact_email == "informes@gob.pe"


@pytest.mark.parametrize("split", [split_lead, split_supporting])
def test_the_splitters_called_without_contacts_drop_them_quietly(split):
    assert split(f"{DEFENSORIA}, Ana Pérez, ana.perez@defensoria.gob.pe, Tel. 311-5930") == [
        DEFENSORIA
    ]
