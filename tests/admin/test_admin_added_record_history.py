"""A commitment a plan administrator adds in the admin, with its policy areas, is one "created" entry
in its public change history, by them: not a "changed" entry with no creation before it."""

from __future__ import annotations

import pytest

from tests import factories
from tests.admin_forms import admin_post_data

pytestmark = pytest.mark.django_db


def test_a_commitment_added_in_the_admin_is_created_once_with_its_areas(client):
    plan = factories.ActionPlanFactory(
        member=factories.MemberFactory(code="PER", name="Perú", commitment_prefix="PE")
    )
    area = factories.PolicyAreaFactory(slug="justice", name="Justice")
    rosa = factories.make_plan_admin(first_name="Rosa", last_name="Quispe")
    client.force_login(rosa)
    url = f"/admin/commitments/commitment/add/?action_plan={plan.pk}"
    data = admin_post_data(client.get(url))
    data.update(
        action_plan=str(plan.pk),
        ogp_id="PE0001",
        number="1",
        title="Portal de transparencia estándar",
        policy_areas=[str(area.pk)],
    )
    # The empty link pickers post nothing, as a browser's do.
    for links in ("co_lead_organizations", "supporting_organizations", "monitoring_organizations"):
        data[links] = []
    data["predecessors"] = []

    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    client.logout()
    entries = client.get("/api/v1/commitments/PE0001/changes/").json()["results"]
    assert [(e["action"], e["by"]) for e in entries] == [("created", "Rosa Quispe")]
