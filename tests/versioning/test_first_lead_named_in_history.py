"""A commitment given its first lead organisation shows in the public change history as "none" to
the organisation's name: the empty side stays empty (null, shown "—"; not "#None")."""

from __future__ import annotations

import pytest

from tests import factories
from tests.admin_forms import admin_post_data

pytestmark = pytest.mark.django_db


def test_a_first_lead_organisation_is_shown_from_nothing_to_its_name(client):
    ministerio = factories.OrganizationFactory(name="Ministerio de Justicia")
    commitment = factories.CommitmentFactory(ogp_id="PE0044", lead_organization=None)
    client.force_login(factories.make_plan_admin())
    url = f"/admin/commitments/commitment/{commitment.pk}/change/"
    data = admin_post_data(client.get(url, headers={"accept-language": "en"}))
    data["lead_organization"] = str(ministerio.pk)
    assert client.post(url, data).status_code == 302
    client.logout()

    changes = client.get("/api/v1/commitments/PE0044/changes/").json()["results"][0]["changes"]
    assert [(c["field"], c["old"], c["old_display"], c["new_display"]) for c in changes] == [
        ("lead_organization", None, "—", "Ministerio de Justicia")
    ]
    page = client.get("/commitments/PE0044/", headers={"accept-language": "es"}).content.decode()
    assert "#None" not in page[page.index('id="change-history-title"') :]
