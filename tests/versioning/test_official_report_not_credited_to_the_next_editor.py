"""An official's report sets the commitment's government level and date (cached on the commitment).
The public change history must not credit that to whoever saves the commitment next: a plan
administrator who only retitles it is shown changing only the title."""

from __future__ import annotations

import pytest

from tests import factories
from tests.admin_forms import admin_post_data
from tests.security.test_permission_matrix import _web

pytestmark = [pytest.mark.django_db, pytest.mark.world("government")]


def test_admin_save_after_an_officials_report_shows_only_what_the_admin_changed(world, client):
    ogp_id = world.commitment.ogp_id
    report = {
        "completion": "complete",
        "note": "Reglamento aprobado.",
        "links": "https://www.gob.pe/reglamento",
        "as_of": "2013-06-01",
        "corrects": "",
    }
    assert _web(world.official).post(f"/commitments/{ogp_id}/report/", report).status_code == 302

    client.force_login(factories.make_plan_admin(first_name="Rosa", last_name="Quispe"))
    url = f"/admin/commitments/commitment/{world.commitment.pk}/change/"
    data = admin_post_data(client.get(url))
    data["title"] = "Título corregido"
    assert client.post(url, data).status_code == 302

    client.logout()
    changes = client.get(f"/api/v1/commitments/{ogp_id}/changes/").json()["results"]
    by_rosa = [entry for entry in changes if entry["by"] == "Rosa Quispe"]
    assert [[c["field"] for c in entry["changes"]] for entry in by_rosa] == [["title"]]
    page = client.get(f"/commitments/{ogp_id}/", headers={"accept-language": "en"}).content.decode()
    assert "Título corregido" in page
    assert "government completion" not in page.lower()
