"""The member code rule and the message that states it agree (issue 17): a code of 2 to 12 letters,
digits, hyphens or underscores imports; anything else refuses the file with the whole rule in the
message an operator reads, in English and in Spanish. Through the import command."""

from __future__ import annotations

import pytest
from django.core.management.base import CommandError

from commitments.models import Commitment, Member

from .conftest import run_import
from .test_worst_cells import refused

pytestmark = pytest.mark.django_db


def local_row(code: str) -> dict[str, str]:
    return {
        "Commitment Unique Identifier": "BA0001",
        "Country/Locality": "Buenos Aires, Argentina",
        "Code": code,
        "National Or Local": "Local",
        "Action Plan Number": "1",
        "Commitment Number": "1",
        "Commitment Title": "Datos abiertos de la ciudad",
    }


@pytest.mark.parametrize("code", ["BA", "BUE", "BA-ARG", "BA_ARG", "BUENOSAIRES1", "ba-arg"])
def test_a_code_the_message_allows_imports(current_file, code):
    printed = run_import(current_file([local_row(code)]))

    assert "commitments: 1 created" in printed
    member = Member.objects.get(code=code.upper())
    assert (member.kind, member.commitment_prefix, member.country.code) == ("local", "BA", "ARG")
    assert Commitment.objects.get().ogp_id == "BA0001"


@pytest.mark.parametrize("code", ["B", "BUENOSAIRES12", "BUENOS AIRES", "BA.AR", "BA/AR", "BÁ"])
def test_a_code_outside_the_rule_is_refused_with_the_rule_in_the_message(current_file, code):
    message = refused(current_file([local_row(code)]))

    assert (
        f"row 2, BA0001, column “Code”: “{code}” is not an OGP member code (2 to 12 letters, "
        "digits, hyphens or underscores)"
    ) in message


def test_the_spanish_message_states_the_same_rule(current_file):
    with pytest.raises(CommandError) as error:
        run_import(current_file([local_row("BA.AR")]), language="es")

    assert (
        "“BA.AR” no es un código de miembro OGP (de 2 a 12 letras, dígitos, guiones o guiones bajos)"
    ) in str(error.value)
    assert Member.objects.count() == 0
