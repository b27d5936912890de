"""A local member's place ending in two letters (“Belo Horizonte (MG)”, “Belo Horizonte, MG”) is
read with ISO's two-letter code of a country, which those letters may not be: MG is Minas Gerais
to a Brazilian and Madagascar to ISO, CA California and Canada. The member is still filed under the
country ISO names, but the check says so before anything is imported, in both languages; until 9
December it said nothing (a country's name, “Buenos Aires (Argentina)”, is read without a word)."""

from __future__ import annotations

import pytest

from commitments.models import Member
from reviews.models import ImportRun

from ..admin.test_import_upload_of_joined_exports import upload
from .test_member_codes_places_and_ids_in_other_forms import row

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]


@pytest.mark.parametrize("place", ["Belo Horizonte (MG)", "Belo Horizonte, MG"])
def test_two_letters_after_a_local_place_are_said_to_be_read_as_a_country(
    client, current_file, place, django_capture_on_commit_callbacks
):
    path = current_file([row(1, "BHZ", place, "Local", "BH0001")])

    run = upload(client, path.read_bytes(), django_capture_on_commit_callbacks)

    assert run.state == ImportRun.State.CHECKED
    assert (
        "“MG” read as ISO's two-letter code of Madagascar: the member is local to Madagascar "
        "(write the country's name if it is another)"
    ) in run.check_reports["en"]
    assert (
        "“MG” se lee como el código ISO de dos letras de Madagascar: el miembro es local de "
        "Madagascar (escriba el nombre del país si es otro)"
    ) in run.check_reports["es"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/reviews/importrun/{run.pk}/change/", {"_confirm_import": "1"})
    member = Member.objects.get(code="BHZ")
    assert (member.kind, member.country.code) == ("local", "MDG")


def test_a_countrys_name_after_a_local_place_is_read_without_a_word(
    client, current_file, django_capture_on_commit_callbacks
):
    path = current_file([row(1, "BUE", "Buenos Aires (Argentina)", "Local", "BA0001")])

    run = upload(client, path.read_bytes(), django_capture_on_commit_callbacks)

    assert "warning" not in run.check_reports["en"]
