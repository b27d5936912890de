"""A person in an institution cell becomes the commitment's contact person: the name keeps every
letter (a name such as "Ximena" or "Félix" starts or ends with an X), and a person the cell names
twice is the contact once."""

from __future__ import annotations

import pytest

from commitments.models import Commitment

from .conftest import run_import
from .test_current_sheet import ROWS

pytestmark = pytest.mark.django_db

DEFENSORIA = "Defensoría del Pueblo"


def import_supporting(client, current_file, cell: str) -> list[str]:
    run_import(current_file([{**ROWS[0], "Supporting Institution(s)": cell}]))
    served = client.get("/api/v1/commitments/PE0074/").json()
    return sorted(o["name"] for o in served["supporting_organizations"])


def test_a_contact_person_whose_name_starts_or_ends_with_x_keeps_it(client, current_file):
    cell = f"{DEFENSORIA}; Sra. Ximena Díaz; Sr. Juan FÉLIX"

    assert import_supporting(client, current_file, cell) == [DEFENSORIA]

    assert Commitment.objects.get().contact_name == "Ximena Díaz; Juan FÉLIX"


def test_a_person_named_twice_is_the_contact_once(client, current_file):
    cell = f"{DEFENSORIA}; Sra. Ana Pérez, ana.perez@defensoria.gob.pe; Sra. Ana Pérez"

    assert import_supporting(client, current_file, cell) == [DEFENSORIA]

    commitment = Commitment.objects.get()
    assert commitment.contact_name == "Ana Pérez"
    assert commitment.contact_email == "ana.perez@defensoria.gob.pe"
