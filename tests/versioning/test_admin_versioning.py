"""No lost updates in the admin: a change form submitted over a newer change is refused with what
changed and by whom, the input is kept, and saving again applies it on purpose."""

from __future__ import annotations

import pytest
from django.test import Client

from commitments.models import Commitment
from commitments.versioning import VersionedModelForm, update_versioned
from tests import factories
from tests.admin_forms import admin_post_data


def _admin_client(**names) -> tuple[Client, object]:
    user = factories.make_plan_admin(**names)
    client = Client()
    client.force_login(user)
    return client, user


def _change_url(obj) -> str:
    meta = obj._meta
    return f"/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/change/"


def _two_editors_same_form(obj, field: str, first_value: str, second_value: str):
    first, _ = _admin_client(username="rosa", first_name="Rosa", last_name="Quispe")
    second, _ = _admin_client(username="jorge")
    url = _change_url(obj)
    form_first = admin_post_data(first.get(url))
    form_second = admin_post_data(second.get(url))
    form_first[field] = first_value
    saved = first.post(url, form_first)
    assert saved.status_code == 302, saved.context["adminform"].form.errors if saved.context else ""
    form_second[field] = second_value
    refused = second.post(url, form_second)
    return second, url, refused


EDITABLE = [
    (lambda: factories.CommitmentFactory(title="Portal"), "title"),
    (lambda: factories.MilestoneFactory(title="Launch"), "title"),
    (lambda: factories.ActionPlanFactory(title="Plan"), "title"),
    (lambda: factories.OrganizationFactory(name="Ministerio"), "name"),
    (lambda: factories.AssessmentFactory(narrative="First"), "narrative"),
    (lambda: factories.IRMReportFactory(title="Report"), "title"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("make", "field"), EDITABLE, ids=lambda v: getattr(v, "__name__", v))
def test_admin_refuses_a_change_over_a_newer_one_and_keeps_the_input(make, field):
    obj = make()
    original = getattr(obj, field)
    second, url, refused = _two_editors_same_form(obj, field, "From Rosa", "From Jorge")

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "Rosa Quispe" in page
    assert original in page and "From Rosa" in page  # what changed: before -> after
    form = refused.context["adminform"].form
    assert form[field].value() == "From Jorge"  # the input is kept
    obj.refresh_from_db()
    assert getattr(obj, field) == "From Rosa"
    assert obj.version == 2

    # Saving again, having seen the change, applies the input on purpose.
    again = admin_post_data(refused)
    assert second.post(url, again).status_code == 302
    obj.refresh_from_db()
    assert (getattr(obj, field), obj.version) == ("From Jorge", 3)
    assert obj.history.filter(history_type="~").count() == 2


@pytest.mark.django_db
def test_admin_save_records_who_and_moves_the_version_for_the_api():
    milestone = factories.MilestoneFactory()
    client, user = _admin_client(username="ana")
    data = admin_post_data(client.get(_change_url(milestone)))
    data["status"] = "not_met"
    assert client.post(_change_url(milestone), data).status_code == 302
    milestone.refresh_from_db()
    assert milestone.version == 2
    assert milestone.history.latest().history_user == user


@pytest.mark.django_db
def test_milestone_edited_inline_on_the_commitment_moves_its_version():
    milestone = factories.MilestoneFactory(title="Launch")
    client, _ = _admin_client()
    url = _change_url(milestone.commitment)
    data = admin_post_data(client.get(url))
    key = next(k for k, v in data.items() if k.endswith("-title") and v == "Launch")
    data[key] = "Launch the portal"
    response = client.post(url, data)
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert (milestone.title, milestone.version) == ("Launch the portal", 2)


@pytest.mark.django_db
def test_admin_save_is_refused_when_a_change_lands_after_the_form_was_checked(monkeypatch):
    """The form's clean() catches a stale version it can see; claim_version must refuse the save
    when another change lands between that check and the save (here: before it, with the check
    made to pass as if it had run first)."""
    commitment = factories.CommitmentFactory(title="Portal")
    client, _ = _admin_client(username="jorge")
    rosa = factories.make_plan_admin(username="rosa", first_name="Rosa", last_name="Quispe")
    url = _change_url(commitment)
    data = admin_post_data(client.get(url))
    data["title"] = "From Jorge"
    update_versioned(
        Commitment, commitment.pk, expected_version=1, changes={"title": "From Rosa"}, user=rosa
    )
    # The version check in clean() ran before Rosa's save: it saw version 1.
    monkeypatch.setattr(
        VersionedModelForm, "clean", lambda form: super(VersionedModelForm, form).clean()
    )

    response = client.post(url, data)

    assert response.status_code == 302 and response["Location"] == url  # back to the form
    commitment.refresh_from_db()
    assert (commitment.title, commitment.version) == ("From Rosa", 2)
    page = client.get(url).content.decode()
    assert "Rosa Quispe" in page


@pytest.mark.django_db
def test_saving_a_commitment_leaves_its_unchanged_milestones_versions_alone():
    """Only an inline that changed claims a new version: an API client's ETag of an untouched
    milestone stays valid."""
    milestone = factories.MilestoneFactory(title="Launch")
    client, _ = _admin_client()
    url = _change_url(milestone.commitment)
    data = admin_post_data(client.get(url))
    data["title"] = "Open data portal"
    assert client.post(url, data).status_code == 302
    milestone.refresh_from_db()
    assert (milestone.title, milestone.version) == ("Launch", 1)
    assert milestone.commitment.version == 2
