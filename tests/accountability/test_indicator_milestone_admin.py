"""An indicator measures its commitment, or one of that commitment's milestones: the admin's form
saves a milestone of the same commitment and refuses another commitment's, saying why."""

from __future__ import annotations

import pytest
from django.urls import reverse

from commitments.models import Indicator
from tests import factories
from tests.admin_forms import admin_post_data

pytestmark = pytest.mark.django_db


def _post(client, commitment, milestone):
    add_url = reverse("admin:commitments_indicator_add")
    data = admin_post_data(client.get(add_url))
    data.update(
        {
            "commitment": str(commitment.pk),
            "milestone": str(milestone.pk),
            "name": "Entidades que publican",
            "unit": "entities",
        }
    )
    return client.post(add_url, data, headers={"accept-language": "en"})


def test_an_indicator_of_one_of_its_commitments_milestones_is_saved(client, plan_admin):
    milestone = factories.MilestoneFactory()
    client.force_login(plan_admin)

    response = _post(client, milestone.commitment, milestone)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert Indicator.objects.get().milestone == milestone


def test_an_indicator_of_another_commitments_milestone_is_refused(client, plan_admin):
    commitment = factories.CommitmentFactory()
    elsewhere = factories.MilestoneFactory()
    client.force_login(plan_admin)

    response = _post(client, commitment, elsewhere)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["milestone"] == [
        "The milestone must belong to the indicator's commitment."
    ]
    assert not Indicator.objects.exists()
