"""A plan administrator who changes a commitment's policy areas or co-leads in the admin is named in
the public change history with what was added and removed, as for any field they edit."""

from __future__ import annotations

import pytest

from commitments.models import Profile
from tests import factories
from tests.admin_forms import admin_post_data

pytestmark = pytest.mark.django_db


def test_areas_and_co_leads_changed_in_the_admin_show_in_the_public_history(client):
    commitment = factories.CommitmentFactory(ogp_id="PE0042")
    gender = factories.PolicyAreaFactory(slug="gender", name="Gender")
    justice = factories.PolicyAreaFactory(slug="justice", name="Justice")
    ministry = factories.OrganizationFactory(name="Ministerio de Justicia")
    commitment.policy_areas.add(gender)
    rosa = factories.make_plan_admin(first_name="Rosa", last_name="Quispe")
    Profile.objects.update_or_create(
        user=rosa, defaults={"organization": factories.OrganizationFactory(name="Proética")}
    )
    client.force_login(rosa)
    url = f"/admin/commitments/commitment/{commitment.pk}/change/"
    data = admin_post_data(client.get(url))
    data.update(policy_areas=[str(justice.pk)], co_lead_organizations=[str(ministry.pk)])

    assert client.post(url, data).status_code == 302

    client.logout()
    changes = client.get("/api/v1/commitments/PE0042/changes/", HTTP_ACCEPT_LANGUAGE="es").json()[
        "results"
    ]
    shown = [
        (entry["by"], [(c["label"], c.get("added"), c.get("removed")) for c in entry["changes"]])
        for entry in changes
    ]
    # Newest first; the admin's save is one entry, whatever the number of link steps it took.
    assert shown == [
        (
            "Rosa Quispe",
            [
                ("organizaciones co-responsables", ["Ministerio de Justicia"], []),
                ("áreas de política", ["Justice"], ["Gender"]),
            ],
        ),
        ("sistema (importación o mantenimiento)", [("áreas de política", ["Gender"], [])]),
        ("sistema (importación o mantenimiento)", []),  # created
    ]
    assert "Proética" in {entry["by_organization"] for entry in changes}
