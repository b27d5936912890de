"""A save refused because of a newer version says when that version was the same person's own
(another tab, window or device). Until 9 December it named them as anyone else: "Una persona
registrada modificó este registro..." to a researcher without a full name who had saved in another
tab, or their own name as if someone else's. Someone else's change is named as the public change
history names people (`public_name`: the full name, else "a registered user"), and the latest
one by someone else is the one named, never the person reading it."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from commitments.versioning import update_versioned
from reviews.models import IRMReport
from tests import factories
from tests.admin_forms import admin_post_data

pytestmark = pytest.mark.django_db

YOURS = {
    "es": "Usted guardó un cambio en este registro desde otra pestaña, ventana o dispositivo el ",
    "en": "You saved a change to this record from another tab, window or device at ",
}
SOMEONE = {
    "es": "Una persona registrada modificó este registro el ",
    "en": "This record was changed by a registered user at ",
}


def _version(page: str) -> str:
    return re.search(r'name="version" value="(\d+)"', page).group(1)


@pytest.fixture
def draft():
    report = factories.IRMReportFactory(state=IRMReport.State.DRAFT, published_on=None)
    assessment = factories.AssessmentFactory(report=report, narrative="Primer borrador")
    url = f"/irm/reports/{report.pk}/assess/{assessment.commitment.ogp_id}/"
    return report, url


def _tab(user, language: str) -> Client:
    tab = Client(HTTP_ACCEPT_LANGUAGE=language)
    tab.force_login(user)
    return tab


def _researcher(report, username: str):
    researcher = factories.make_researcher(username=username)  # no first or last name
    report.researchers.add(researcher)
    return researcher


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_researchers_own_other_tab_is_named_as_theirs(draft, language):
    report, url = draft
    luz = _researcher(report, "luz")
    tab_a, tab_b = _tab(luz, language), _tab(luz, language)
    version = _version(tab_a.get(url).content.decode())
    tab_b.get(url)
    assert tab_a.post(url, {"narrative": "Texto A", "version": version}).status_code == 302

    refused = tab_b.post(url, {"narrative": "Texto B", "version": version})

    assert refused.status_code == 400
    [message] = refused.context["form"].non_field_errors()
    assert message.startswith(YOURS[language]), message
    assert "Primer borrador -> Texto A" in message
    assert SOMEONE[language] not in message


@pytest.mark.parametrize("language", ["es", "en"])
def test_another_researchers_change_is_named_as_someone_elses(draft, language):
    report, url = draft
    luz, ana = _researcher(report, "luz"), _researcher(report, "ana")
    mine, theirs = _tab(luz, language), _tab(ana, language)
    version = _version(mine.get(url).content.decode())
    assert theirs.post(url, {"narrative": "Texto de Ana", "version": version}).status_code == 302

    refused = mine.post(url, {"narrative": "Texto de Luz", "version": version})

    [message] = refused.context["form"].non_field_errors()
    assert message.startswith(SOMEONE[language]), message
    assert YOURS[language] not in message


def test_when_someone_else_also_changed_it_they_are_named_not_you(draft):
    report, url = draft
    luz, ana = _researcher(report, "luz"), _researcher(report, "ana")
    ana.first_name, ana.last_name = "Ana", "Quispe"
    ana.save()
    tab_a, tab_b = _tab(luz, "es"), _tab(luz, "es")
    version = _version(tab_b.get(url).content.decode())
    assert tab_a.post(url, {"narrative": "Texto A", "version": version}).status_code == 302
    other = _tab(ana, "es")
    later = _version(other.get(url).content.decode())
    assert other.post(url, {"narrative": "Texto de Ana", "version": later}).status_code == 302
    newest = _version(tab_a.get(url).content.decode())
    assert tab_a.post(url, {"narrative": "Texto A2", "version": newest}).status_code == 302

    refused = tab_b.post(url, {"narrative": "Texto B", "version": version})

    [message] = refused.context["form"].non_field_errors()
    assert message.startswith("Ana Quispe modificó este registro el "), message


@pytest.mark.parametrize(("same", "start"), [(True, YOURS["en"]), (False, SOMEONE["en"])])
def test_the_admin_says_whether_the_other_save_was_yours(same, start):
    milestone = factories.MilestoneFactory(title="Launch")
    admin = factories.make_plan_admin(username="planadmin")  # no first or last name
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(admin)
    url = f"/admin/commitments/milestone/{milestone.pk}/change/"
    data = admin_post_data(client.get(url))
    other = admin if same else factories.make_plan_admin(username="otra")
    update_versioned(milestone, expected_version=1, changes={"title": "Other"}, user=other)
    data["title"] = "Mine"

    refused = client.post(url, data)

    [message] = refused.context["adminform"].form.non_field_errors()
    assert message.startswith(start), message


@pytest.mark.parametrize(("same", "start"), [(True, YOURS["en"]), (False, SOMEONE["en"])])
def test_a_412_says_whether_the_other_save_was_yours(same, start, django_assert_num_queries):
    milestone = factories.MilestoneFactory(title="Launch")
    jorge = factories.make_plan_admin(username="jorge")
    other = jorge if same else factories.make_plan_admin(username="otra")
    update_versioned(milestone, expected_version=1, changes={"title": "Other"}, user=other)
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=jorge).key}")

    # As test_api_preconditions' 412: no query more to tell who it was.
    with django_assert_num_queries(11):
        response = client.patch(
            f"/api/v1/milestones/{milestone.pk}/",
            {"title": "Mine"},
            format="json",
            HTTP_IF_MATCH=f'"milestone-{milestone.pk}-v1"',
        )

    assert response.status_code == 412
    assert response.json()["detail"].startswith(start)
    assert response.json()["changed_by"] == "a registered user"


def test_an_inline_milestone_you_changed_in_another_tab_is_named_as_yours():
    milestone = factories.MilestoneFactory(title="Launch")
    admin = factories.make_plan_admin(username="planadmin")
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(admin)
    url = f"/admin/commitments/commitment/{milestone.commitment.pk}/change/"
    data = admin_post_data(client.get(url))
    update_versioned(milestone, expected_version=1, changes={"title": "Other tab"}, user=admin)
    key = next(k for k, v in data.items() if k.endswith("-title") and v == "Launch")
    data[key] = "This tab"

    refused = client.post(url, data)

    inline_form = refused.context["inline_admin_formsets"][0].formset.forms[0]
    [message] = inline_form.non_field_errors()
    assert message.startswith(YOURS["en"]), message
