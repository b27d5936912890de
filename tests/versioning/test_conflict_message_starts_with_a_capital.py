"""A refused save over a newer version names who changed it first in Spanish ("%(user)s modificó
este registro..."): when that person has no full name the sentence began in lower case, "una
persona registrada modificó este registro el ..." on the IRM researcher's page and in the admin
(until 8 December). The name now starts the sentence with a capital, whatever it is. (Since
9 December the same person's own other tab is named as theirs, so these tests use two people.)"""

from __future__ import annotations

import re

import pytest
from django.test import Client

from commitments.versioning import update_versioned
from reviews.models import IRMReport
from tests import factories
from tests.admin_forms import admin_post_data

pytestmark = pytest.mark.django_db


def _hidden_version(page: str) -> str:
    return re.search(r'name="version" value="(\d+)"', page).group(1)


def test_another_researchers_refusal_starts_with_a_capital_in_spanish():
    # Two researchers of one draft, neither with a first or last name. (One person's own second
    # tab is named as theirs: test_conflict_message_says_when_it_was_you.py.)
    researcher = factories.make_researcher(username="luz")
    other = factories.make_researcher(username="ana")
    report = factories.IRMReportFactory(state=IRMReport.State.DRAFT, published_on=None)
    report.researchers.add(researcher, other)
    assessment = factories.AssessmentFactory(report=report, narrative="Primer borrador")
    url = f"/irm/reports/{report.pk}/assess/{assessment.commitment.ogp_id}/"
    tab_a, tab_b = Client(), Client()
    tab_a.force_login(other)
    tab_b.force_login(researcher)
    version = _hidden_version(tab_a.get(url).content.decode())
    tab_b.get(url)
    assert tab_a.post(url, {"narrative": "Texto A", "version": version}).status_code == 302

    refused = tab_b.post(url, {"narrative": "Texto B", "version": version})

    assert refused.status_code == 400
    [message] = refused.context["form"].non_field_errors()
    assert message.startswith("Una persona registrada modificó este registro el "), message


def test_admin_refusal_starts_with_a_capital_in_spanish():
    milestone = factories.MilestoneFactory(title="Lanzamiento")
    admin = factories.make_plan_admin(username="planadmin")  # no first or last name
    client = Client()
    client.force_login(admin)
    url = f"/admin/commitments/milestone/{milestone.pk}/change/"
    data = admin_post_data(client.get(url))
    other = factories.make_plan_admin(username="otra")  # no first or last name either
    update_versioned(milestone, expected_version=1, changes={"title": "Otro"}, user=other)
    data["title"] = "El mío"

    refused = client.post(url, data)

    assert refused.status_code == 200
    [message] = refused.context["adminform"].form.non_field_errors()
    assert message.startswith("Una persona registrada modificó este registro el "), message
