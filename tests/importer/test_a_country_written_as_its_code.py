"""A country written as its ISO code where the importer reads a country's name (after a local
member's place: “Buenos Aires (AR)”, “Buenos Aires, ARG”) is that country, named by its name.
Until 9 December the nation the import created took the code as its name: the members' list
showed a country called “AR”, in both languages, and the API named it so."""

from __future__ import annotations

import pytest

from commitments.models import Member

from ..admin.test_import_upload_of_joined_exports import upload
from .test_member_codes_places_and_ids_in_other_forms import row

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_in_process")]


@pytest.mark.parametrize("place", ["Buenos Aires (AR)", "Buenos Aires, ARG", "Buenos Aires, ar"])
def test_a_country_written_as_its_code_is_named_by_its_name(
    client, current_file, place, django_capture_on_commit_callbacks
):
    path = current_file([row(1, "BUE", place, "Local", "BA0001")])
    run = upload(client, path.read_bytes(), django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/reviews/importrun/{run.pk}/change/", {"_confirm_import": "1"})

    assert Member.objects.get(code="BUE").country.name == "Argentina"
    for language in ("es", "en"):
        page = client.get("/members/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert '?member=ARG">Argentina</a>' in page
    api = client.get("/api/v1/members/ARG/").json()
    assert api["name"] == "Argentina"
